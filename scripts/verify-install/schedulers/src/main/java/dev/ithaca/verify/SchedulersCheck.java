package dev.ithaca.verify;

import dev.ithaca.schedule.CosineAnnealingLR;
import dev.ithaca.schedule.StepLR;
import dev.ithaca.train.Optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * StepLR and CosineAnnealingLR over an {@link Optimizer} written here: schedulers need only the
 * contract in ithaca-core, not ithaca-optimizers.
 */
public final class SchedulersCheck {
    public static void main(String[] args) {
        InstallCheck.run("ithaca-schedulers",
                new String[]{"dev.ithaca.schedule.StepLR", "dev.ithaca.schedule.CosineAnnealingLR",
                        "dev.ithaca.schedule.OneCycleLR", "dev.ithaca.schedule.ReduceLROnPlateau"},
                SchedulersCheck::check);
    }

    private static String check() {
        LearningRateOnly optimizer = new LearningRateOnly(0.1);
        StepLR step = new StepLR(optimizer, 2, 0.5);
        List<Double> rates = new ArrayList<>();
        for (int epoch = 0; epoch < 6; epoch++) {
            rates.add(optimizer.learningRate());
            step.step();
        }
        double[] expected = {0.1, 0.1, 0.05, 0.05, 0.025, 0.025};
        for (int i = 0; i < expected.length; i++) {
            InstallCheck.expectClose("StepLR epoch " + i, expected[i], rates.get(i), 1e-12);
        }

        LearningRateOnly cosineTarget = new LearningRateOnly(0.1);
        CosineAnnealingLR cosine = new CosineAnnealingLR(cosineTarget, 10, 0.0);
        for (int epoch = 0; epoch < 5; epoch++) {
            cosine.step();
        }
        InstallCheck.expectClose("CosineAnnealingLR at T_max/2", 0.05, cosine.lastLr(), 1e-12);
        return "StepLR " + rates + ", cosine(5 of 10) " + cosine.lastLr();
    }

    /** The smallest Optimizer: one parameter group that only holds a learning rate. */
    private static final class LearningRateOnly implements Optimizer {
        private double lr;

        LearningRateOnly(double lr) {
            this.lr = lr;
        }

        @Override
        public void step() {
        }

        @Override
        public void zeroGrad() {
        }

        @Override
        public int groupCount() {
            return 1;
        }

        @Override
        public double learningRate(int group) {
            return lr;
        }

        @Override
        public void setLearningRate(int group, double lr) {
            this.lr = lr;
        }

        @Override
        public Map<String, Object> stateDict() {
            return Map.of("lr", lr);
        }

        @Override
        public void loadStateDict(Map<String, ?> state) {
            lr = ((Number) state.get("lr")).doubleValue();
        }
    }
}
