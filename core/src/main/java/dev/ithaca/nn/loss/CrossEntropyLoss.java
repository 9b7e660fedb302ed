package dev.ithaca.nn.loss;

import dev.ithaca.nn.Temporaries;
import dev.ithaca.tensor.Tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * Cross entropy of logits, as {@code torch.nn.CrossEntropyLoss}: log-softmax over the class dim
 * (so huge logits cannot overflow) followed by the negative log-likelihood. The input holds
 * logits [N, C], [N, C, d1, ...] or unbatched [C]; the target either
 * <ul>
 *   <li>class indices (INT64 or INT32) shaped as the input without its class dim, where
 *       {@code ignoreIndex} positions count for nothing and MEAN divides by the summed weights
 *       of the counted targets; or</li>
 *   <li>class probabilities (floating point, the input's shape), where MEAN divides by the
 *       number of samples and {@code ignoreIndex} does not apply.</li>
 * </ul>
 * Label smoothing {@code ε} mixes the target with the uniform distribution over the C classes:
 * for indices the loss is {@code (1-ε)·nll + ε/C · Σ_c -weight[c]·log p_c}.
 */
public final class CrossEntropyLoss implements Loss {
    private static final String NAME = "CrossEntropyLoss";

    private final Tensor weight;
    private final long ignoreIndex;
    private final Reduction reduction;
    private final double labelSmoothing;

    /** Unweighted, {@code ignoreIndex} -100, mean reduction, no label smoothing. */
    public CrossEntropyLoss() {
        this(builder());
    }

    private CrossEntropyLoss(Builder b) {
        if (!(b.labelSmoothing >= 0 && b.labelSmoothing <= 1)) {
            throw new IllegalArgumentException(NAME + ": labelSmoothing must be in [0, 1], got " + b.labelSmoothing);
        }
        this.weight = LossChecks.classWeight(NAME, b.weight);
        this.ignoreIndex = b.ignoreIndex;
        this.reduction = LossChecks.reduction(NAME, b.reduction);
        this.labelSmoothing = b.labelSmoothing;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        long classes = ClassInputs.requireClassInput(NAME, input);
        boolean indices = requireTarget(input, target);
        ClassInputs.requireWeightLength(NAME, weight, classes);
        if (weight != null) {
            LossChecks.requireSameDevice(NAME, "weight", weight, input);
        }
        if (input.dim() == 1) {
            return ClassInputs.asBatchOfOne(this, input, target, reduction);
        }
        try (Tensor logProbs = input.logSoftmax(1)) {
            return indices ? indexLoss(logProbs, target) : probabilityLoss(logProbs, target);
        }
    }

    private Tensor indexLoss(Tensor logProbs, Tensor target) {
        try (ClassIndexTargets targets = ClassIndexTargets.of(NAME, logProbs, target, weight, ignoreIndex);
             Temporaries tmp = new Temporaries()) {
            Tensor nll = targets.nll(logProbs);
            if (labelSmoothing == 0) {
                return reduction.apply(nll, targets.weights());
            }
            tmp.add(nll);
            // the loss against the uniform target: ε/C · Σ_c -weight[c]·log p_c
            Tensor weightedSum = tmp.add(weighByClass(logProbs, tmp).sum(1));
            Tensor uniform = tmp.add(targets.masked(tmp.add(weightedSum.mul(-labelSmoothing / logProbs.size(1)))));
            Tensor loss = tmp.add(nll.mul(1 - labelSmoothing)).add(uniform);
            return reduction.apply(loss, targets.weights());
        }
    }

    private Tensor probabilityLoss(Tensor logProbs, Tensor target) {
        try (Temporaries tmp = new Temporaries()) {
            Tensor probs = target;
            if (labelSmoothing != 0) {
                probs = tmp.add(tmp.add(target.mul(1 - labelSmoothing)).add(labelSmoothing / logProbs.size(1)));
            }
            Tensor product = weighByClass(tmp.add(logProbs.mul(probs)), tmp);
            return reduction.apply(tmp.add(product.sum(1)).neg());
        }
    }

    /** {@code t · weight} with the class weights broadcast along dim 1, or t itself without weights. */
    private Tensor weighByClass(Tensor t, Temporaries tmp) {
        return weight == null ? t : tmp.add(t.mul(tmp.add(ClassInputs.weightView(weight, t))));
    }

    /** True for class indices, false for class probabilities; rejects anything else naming the problem. */
    private static boolean requireTarget(Tensor input, Tensor target) {
        Objects.requireNonNull(target, () -> NAME + ": target must not be null");
        if (target.dtype().isIntegral()) {
            ClassInputs.requireIndexTarget(NAME, input, target);
            return true;
        }
        if (!target.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(NAME + ": target must be class indices (INT64) or class probabilities"
                    + " (floating point), got " + target.dtype());
        }
        if (!Arrays.equals(target.shape(), input.shape())) {
            throw new IllegalArgumentException(NAME + ": class-probability target (" + target.dtype() + ") shape "
                    + Arrays.toString(target.shape()) + " must match input shape " + Arrays.toString(input.shape())
                    + "; class-index targets must be INT64");
        }
        LossChecks.requireSameDevice(NAME, "target", target, input);
        return false;
    }

    @Override
    public String toString() {
        return NAME + "(reduction=" + reduction + ", ignoreIndex=" + ignoreIndex + ", labelSmoothing=" + labelSmoothing
                + (weight == null ? "" : ", weighted") + ")";
    }

    /** Options named after PyTorch's arguments. */
    public static final class Builder {
        private Tensor weight;
        private long ignoreIndex = -100;
        private Reduction reduction = Reduction.MEAN;
        private double labelSmoothing;

        private Builder() {
        }

        /** Per-class weights [C] (floating point); the loss reads it on every call, so keep it alive. */
        public Builder weight(Tensor weight) {
            this.weight = weight;
            return this;
        }

        /** Class-index target that contributes nothing to the loss or to MEAN's denominator (default -100). */
        public Builder ignoreIndex(long ignoreIndex) {
            this.ignoreIndex = ignoreIndex;
            return this;
        }

        public Builder reduction(Reduction reduction) {
            this.reduction = reduction;
            return this;
        }

        /** Weight ε in [0, 1] of the uniform distribution mixed into the target (default 0). */
        public Builder labelSmoothing(double labelSmoothing) {
            this.labelSmoothing = labelSmoothing;
            return this;
        }

        public CrossEntropyLoss build() {
            return new CrossEntropyLoss(this);
        }
    }
}
