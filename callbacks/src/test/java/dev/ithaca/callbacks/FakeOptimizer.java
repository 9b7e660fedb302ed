package dev.ithaca.callbacks;

import dev.ithaca.train.Optimizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An optimizer with per-group learning rates and a step count: enough for callbacks that read or save it. */
final class FakeOptimizer implements Optimizer {
    final double[] lrs;
    long steps;

    FakeOptimizer(int groups) {
        lrs = new double[groups];
        java.util.Arrays.fill(lrs, 0.1);
    }

    @Override
    public void step() {
        steps++;
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

    @Override
    public Map<String, Object> stateDict() {
        List<Double> rates = new ArrayList<>();
        for (double lr : lrs) {
            rates.add(lr);
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("lrs", rates);
        state.put("steps", steps);
        return state;
    }

    @Override
    public void loadStateDict(Map<String, ?> state) {
        List<?> rates = (List<?>) state.get("lrs");
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] = ((Number) rates.get(i)).doubleValue();
        }
        steps = ((Number) state.get("steps")).longValue();
    }
}
