package dev.ithaca.metrics;

import dev.ithaca.tensor.Tensor;

/**
 * How a metric state combines with a batch's contribution and with another worker's state
 * (torchmetrics' {@code dist_reduce_fx}). The initial value of a state is the identity of its
 * reduction, so a fresh state never changes what it is combined with.
 */
public enum StateReduction {
    SUM(0),
    MIN(Double.POSITIVE_INFINITY),
    MAX(Double.NEGATIVE_INFINITY);

    private final double identity;

    StateReduction(double identity) {
        this.identity = identity;
    }

    /** The value a state starts from after a reset. */
    public double identity() {
        return identity;
    }

    Tensor apply(Tensor accumulated, Tensor contribution) {
        return switch (this) {
            case SUM -> accumulated.add(contribution);
            case MIN -> accumulated.minimum(contribution);
            case MAX -> accumulated.maximum(contribution);
        };
    }
}
