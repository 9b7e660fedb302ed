package dev.ithaca.schedule;

import dev.ithaca.train.Optimizer;

import java.util.Map;

/**
 * Scales each group's lr by a factor that moves linearly from {@code startFactor} to
 * {@code endFactor} over {@code totalIters} epochs, then stays: {@code lr = base_lr * (startFactor +
 * (endFactor - startFactor) * min(epoch, totalIters) / totalIters)}. PyTorch's {@code LinearLR}; the
 * usual linear warmup is {@code new LinearLR(opt, 0.1, 1.0, warmupEpochs)}.
 */
public final class LinearLR extends AbstractLRScheduler {
    private final double startFactor;
    private final double endFactor;
    private final int totalIters;

    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
        super(optimizer);
        // a start factor of 0 would make the chainable ratio divide by zero (pytorch/pytorch#86454)
        this.startFactor = Checks.inUnitRange("LinearLR", "startFactor", startFactor, true);
        this.endFactor = Checks.inUnitRange("LinearLR", "endFactor", endFactor, false);
        this.totalIters = Checks.atLeast("LinearLR", "totalIters", totalIters, 1);
        initialStep();
    }

    @Override
    protected double chainedLr(int group, double lr, int epoch) {
        if (epoch == 0) {
            return lr * startFactor;
        }
        if (epoch > totalIters) {
            return lr;
        }
        return lr * (1.0 + (endFactor - startFactor)
                / (totalIters * startFactor + (epoch - 1) * (endFactor - startFactor)));
    }

    @Override
    protected double closedFormLr(int group, int epoch) {
        return baseLr(group) * (startFactor + (endFactor - startFactor) * Math.min(totalIters, epoch) / totalIters);
    }

    @Override
    protected Map<String, Object> hyperparameters() {
        return StateValues.ordered("start_factor", startFactor, "end_factor", endFactor, "total_iters", totalIters);
    }
}
