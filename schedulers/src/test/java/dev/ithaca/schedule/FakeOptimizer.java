package dev.ithaca.schedule;

import dev.ithaca.train.Optimizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** An optimizer that only holds per-group learning rates, which is all a scheduler touches. */
final class FakeOptimizer implements Optimizer {
    private double[] lrs;

    FakeOptimizer(double... lrs) {
        this.lrs = lrs.clone();
    }

    @Override
    public void step() {
    }

    @Override
    public void zeroGrad() {
    }

    @Override
    public int groupCount() {
        return lrs.length;
    }

    @Override
    public double learningRate(int group) {
        return lrs[group];
    }

    @Override
    public void setLearningRate(int group, double lr) {
        lrs[group] = lr;
    }

    /** A new parameter group, as PyTorch's {@code add_param_group} makes. */
    void addGroup(double lr) {
        lrs = Arrays.copyOf(lrs, lrs.length + 1);
        lrs[lrs.length - 1] = lr;
    }

    double[] lrs() {
        return lrs.clone();
    }

    @Override
    public Map<String, Object> stateDict() {
        List<Double> list = new ArrayList<>();
        for (double lr : lrs) {
            list.add(lr);
        }
        return Map.of("lr", list);
    }

    @Override
    public void loadStateDict(Map<String, ?> state) {
        List<?> list = (List<?>) state.get("lr");
        for (int g = 0; g < lrs.length; g++) {
            lrs[g] = ((Number) list.get(g)).doubleValue();
        }
    }
}
