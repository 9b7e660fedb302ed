package dev.ithaca.nn.loss;

import dev.ithaca.tensor.Tensor;

/** Squared error {@code (input - target)²} per element, as {@code torch.nn.MSELoss}; shapes must match. */
public final class MSELoss implements Loss {
    private static final String NAME = "MSELoss";

    private final Reduction reduction;

    public MSELoss() {
        this(Reduction.MEAN);
    }

    public MSELoss(Reduction reduction) {
        this.reduction = LossChecks.reduction(NAME, reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        LossChecks.requireElementwisePair(NAME, input, target);
        try (Tensor diff = input.sub(target)) {
            return reduction.apply(diff.square());
        }
    }

    @Override
    public String toString() {
        return NAME + "(reduction=" + reduction + ")";
    }
}
