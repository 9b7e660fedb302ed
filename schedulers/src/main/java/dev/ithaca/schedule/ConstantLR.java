package dev.ithaca.schedule;

import dev.ithaca.train.Optimizer;

import java.util.Map;

/**
 * Scales each group's lr by {@code factor} for the first {@code totalIters} epochs, then restores it:
 * {@code lr = base_lr * (epoch < totalIters ? factor : 1)}. PyTorch's {@code ConstantLR}, except that
 * a factor of 0 is refused (PyTorch's chainable form divides by it when restoring).
 */
public final class ConstantLR extends AbstractLRScheduler {
    private final double factor;
    private final int totalIters;

    public ConstantLR(Optimizer optimizer, double factor, int totalIters) {
        super(optimizer);
        this.factor = Checks.inUnitRange("ConstantLR", "factor", factor, true);
        this.totalIters = Checks.atLeast("ConstantLR", "totalIters", totalIters, 1);
        initialStep();
    }

    @Override
    protected double chainedLr(int group, double lr, int epoch) {
        if (epoch == 0) {
            return lr * factor;
        }
        return epoch != totalIters ? lr : lr * (1.0 / factor);
    }

    @Override
    protected double closedFormLr(int group, int epoch) {
        return baseLr(group) * (factor + (epoch >= totalIters ? 1 - factor : 0.0));
    }

    @Override
    protected Map<String, Object> hyperparameters() {
        return StateValues.ordered("factor", factor, "total_iters", totalIters);
    }
}
