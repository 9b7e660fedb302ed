package dev.ithaca.schedule;

import dev.ithaca.train.Optimizer;

import java.util.Map;

/** Multiplies each group's lr by {@code gamma} every epoch: {@code lr = base_lr * gamma^epoch}. PyTorch's {@code ExponentialLR}. */
public final class ExponentialLR extends AbstractLRScheduler {
    private final double gamma;

    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer);
        this.gamma = Checks.positiveFinite("ExponentialLR", "gamma", gamma);
        initialStep();
    }

    @Override
    protected double chainedLr(int group, double lr, int epoch) {
        return epoch == 0 ? lr : lr * gamma;
    }

    @Override
    protected double closedFormLr(int group, int epoch) {
        return baseLr(group) * StrictMath.pow(gamma, epoch);
    }

    @Override
    protected Map<String, Object> hyperparameters() {
        return StateValues.ordered("gamma", gamma);
    }
}
