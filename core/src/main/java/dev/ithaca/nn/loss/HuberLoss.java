package dev.ithaca.nn.loss;

import dev.ithaca.nn.Temporaries;
import dev.ithaca.tensor.Tensor;

/**
 * Huber loss, as {@code torch.nn.HuberLoss}: per element, with {@code d = input - target},
 * {@code 0.5·d²} where {@code |d| <= delta} and {@code delta·(|d| - 0.5·delta)} beyond. It equals
 * {@code delta ×} {@link SmoothL1Loss} with {@code beta = delta}.
 */
public final class HuberLoss implements Loss {
    private static final String NAME = "HuberLoss";

    private final Reduction reduction;
    private final double delta;

    /** Mean reduction, {@code delta} 1. */
    public HuberLoss() {
        this(Reduction.MEAN, 1.0);
    }

    /** {@code delta} must be positive. */
    public HuberLoss(Reduction reduction, double delta) {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException(NAME + ": delta must be positive and finite, got " + delta);
        }
        this.reduction = LossChecks.reduction(NAME, reduction);
        this.delta = delta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        LossChecks.requireElementwisePair(NAME, input, target);
        try (Tensor diff = input.sub(target)) {
            return reduction.apply(elementwise(diff, delta));
        }
    }

    /**
     * {@code 0.5·m² + delta·(|d| - m)} with {@code m = min(|d|, delta)}: both pieces in one formula,
     * so no branch is evaluated where it overflows and the gradient is continuous at the seam.
     */
    static Tensor elementwise(Tensor diff, double delta) {
        try (Temporaries tmp = new Temporaries()) {
            Tensor abs = tmp.add(diff.abs());
            Tensor small = tmp.add(abs.clampMax(delta));
            Tensor quadratic = tmp.add(tmp.add(small.square()).mul(0.5));
            Tensor linear = tmp.add(tmp.add(abs.sub(small)).mul(delta));
            return quadratic.add(linear);
        }
    }

    @Override
    public String toString() {
        return NAME + "(reduction=" + reduction + ", delta=" + delta + ")";
    }
}
