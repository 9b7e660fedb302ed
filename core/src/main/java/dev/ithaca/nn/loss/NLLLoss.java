package dev.ithaca.nn.loss;

import dev.ithaca.tensor.Tensor;

/**
 * Negative log-likelihood of class indices, as {@code torch.nn.NLLLoss}: the input holds
 * log-probabilities ([N, C], [N, C, d1, ...] or unbatched [C]), the target class indices with
 * the input's shape minus the class dim. Each position contributes {@code -weight[y] * input[y]};
 * positions whose target is {@code ignoreIndex} contribute nothing, and MEAN divides by the sum
 * of the counted positions' weights.
 */
public final class NLLLoss implements Loss {
    private static final String NAME = "NLLLoss";

    private final Tensor weight;
    private final long ignoreIndex;
    private final Reduction reduction;

    /** Unweighted, {@code ignoreIndex} -100, mean reduction. */
    public NLLLoss() {
        this(builder());
    }

    private NLLLoss(Builder b) {
        this.weight = LossChecks.classWeight(NAME, b.weight);
        this.ignoreIndex = b.ignoreIndex;
        this.reduction = LossChecks.reduction(NAME, b.reduction);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        long classes = ClassInputs.requireClassInput(NAME, input);
        ClassInputs.requireIndexTarget(NAME, input, target);
        ClassInputs.requireWeightLength(NAME, weight, classes);
        if (weight != null) {
            LossChecks.requireSameDevice(NAME, "weight", weight, input);
        }
        if (input.dim() == 1) {
            return ClassInputs.asBatchOfOne(this, input, target, reduction);
        }
        try (ClassIndexTargets targets = ClassIndexTargets.of(NAME, input, target, weight, ignoreIndex)) {
            return reduction.apply(targets.nll(input), targets.weights());
        }
    }

    @Override
    public String toString() {
        return NAME + "(reduction=" + reduction + ", ignoreIndex=" + ignoreIndex + (weight == null ? "" : ", weighted") + ")";
    }

    /** Options named after PyTorch's arguments. */
    public static final class Builder {
        private Tensor weight;
        private long ignoreIndex = -100;
        private Reduction reduction = Reduction.MEAN;

        private Builder() {
        }

        /** Per-class weights [C] (floating point); the loss reads it on every call, so keep it alive. */
        public Builder weight(Tensor weight) {
            this.weight = weight;
            return this;
        }

        /** Target value that contributes nothing to the loss or to MEAN's denominator (default -100). */
        public Builder ignoreIndex(long ignoreIndex) {
            this.ignoreIndex = ignoreIndex;
            return this;
        }

        public Builder reduction(Reduction reduction) {
            this.reduction = reduction;
            return this;
        }

        public NLLLoss build() {
            return new NLLLoss(this);
        }
    }
}
