package dev.ithaca.schedule;

import dev.ithaca.train.Optimizer;

import java.util.Map;

/**
 * Multiplies each group's lr by {@code gamma} every {@code stepSize} epochs:
 * {@code lr = base_lr * gamma^(epoch / stepSize)} (integer division). PyTorch's {@code StepLR}.
 */
public final class StepLR extends AbstractLRScheduler {
    private final int stepSize;
    private final double gamma;

    /** PyTorch's default {@code gamma = 0.1}. */
    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1);
    }

    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        this.stepSize = Checks.atLeast("StepLR", "stepSize", stepSize, 1);
        this.gamma = Checks.positiveFinite("StepLR", "gamma", gamma);
        initialStep();
    }

    @Override
    protected double chainedLr(int group, double lr, int epoch) {
        return epoch == 0 || epoch % stepSize != 0 ? lr : lr * gamma;
    }

    @Override
    protected double closedFormLr(int group, int epoch) {
        return baseLr(group) * StrictMath.pow(gamma, epoch / stepSize);
    }

    @Override
    protected Map<String, Object> hyperparameters() {
        return StateValues.ordered("step_size", stepSize, "gamma", gamma);
    }
}
