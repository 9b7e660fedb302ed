package dev.ithaca.nn.loss;

import dev.ithaca.tensor.Tensor;

/**
 * Smooth L1 loss, as {@code torch.nn.SmoothL1Loss}: per element, with {@code d = input - target},
 * {@code 0.5·d²/beta} where {@code |d| < beta} and {@code |d| - 0.5·beta} beyond; {@code beta = 0}
 * is plain L1. It equals {@link HuberLoss} with {@code delta = beta}, divided by beta.
 */
public final class SmoothL1Loss implements Loss {
    private static final String NAME = "SmoothL1Loss";

    private final Reduction reduction;
    private final double beta;

    /** Mean reduction, {@code beta} 1. */
    public SmoothL1Loss() {
        this(Reduction.MEAN, 1.0);
    }

    /** {@code beta} must be non-negative. */
    public SmoothL1Loss(Reduction reduction, double beta) {
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException(NAME + ": beta must be non-negative and finite, got " + beta);
        }
        this.reduction = LossChecks.reduction(NAME, reduction);
        this.beta = beta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        LossChecks.requireElementwisePair(NAME, input, target);
        try (Tensor diff = input.sub(target)) {
            if (beta == 0) {
                return reduction.apply(diff.abs());
            }
            try (Tensor huber = HuberLoss.elementwise(diff, beta)) {
                return reduction.apply(huber.div(beta));
            }
        }
    }

    @Override
    public String toString() {
        return NAME + "(reduction=" + reduction + ", beta=" + beta + ")";
    }
}
