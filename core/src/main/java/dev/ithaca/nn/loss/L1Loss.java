package dev.ithaca.nn.loss;

import dev.ithaca.tensor.Tensor;

/** Absolute error {@code |input - target|} per element, as {@code torch.nn.L1Loss}; shapes must match. */
public final class L1Loss implements Loss {
    private static final String NAME = "L1Loss";

    private final Reduction reduction;

    public L1Loss() {
        this(Reduction.MEAN);
    }

    public L1Loss(Reduction reduction) {
        this.reduction = LossChecks.reduction(NAME, reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        LossChecks.requireElementwisePair(NAME, input, target);
        try (Tensor diff = input.sub(target)) {
            return reduction.apply(diff.abs());
        }
    }

    @Override
    public String toString() {
        return NAME + "(reduction=" + reduction + ")";
    }
}
