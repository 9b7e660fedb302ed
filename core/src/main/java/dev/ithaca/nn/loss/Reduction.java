package dev.ithaca.nn.loss;

import dev.ithaca.tensor.Tensor;

/** How a loss combines its per-element values, as PyTorch's {@code reduction} argument. */
public enum Reduction {
    /** The average (for class-weighted losses: the weighted average). */
    MEAN,
    SUM,
    /** No reduction: one value per element or sample. */
    NONE;

    /**
     * Reduces per-element losses. {@code losses} is handed over: returned as is for NONE, closed
     * otherwise, so a loss never leaves its intermediates behind.
     */
    Tensor apply(Tensor losses) {
        return switch (this) {
            case NONE -> losses;
            case SUM -> {
                try (losses) {
                    yield losses.sum();
                }
            }
            case MEAN -> {
                try (losses) {
                    yield losses.mean();
                }
            }
        };
    }

    /**
     * As {@link #apply(Tensor)}, except that MEAN divides the sum by the sum of {@code weights}
     * (one per element) rather than by the count: PyTorch's mean for class weights and ignored
     * targets. {@code weights} stays the caller's.
     */
    Tensor apply(Tensor losses, Tensor weights) {
        if (this != MEAN) {
            return apply(losses);
        }
        try (losses; Tensor total = losses.sum(); Tensor weightSum = weights.sum()) {
            return total.div(weightSum);
        }
    }
}
