package dev.ithaca.nn.loss;

import dev.ithaca.nn.Temporaries;
import dev.ithaca.tensor.Tensor;

/**
 * Binary cross entropy of logits, as {@code torch.nn.BCEWithLogitsLoss}: per element, with
 * {@code x} the logit and {@code y} the target probability,
 * {@code weight · [(1 - y)·x + (1 + (posWeight - 1)·y) · -log σ(x)]}, which is
 * {@code -weight·[posWeight·y·log σ(x) + (1 - y)·log(1 - σ(x))]} computed without overflow for
 * any logit. {@code posWeight} and {@code weight} broadcast against the input, so a posWeight of
 * shape [C] weighs the positives of each class (the last dim).
 */
public final class BCEWithLogitsLoss implements Loss {
    private static final String NAME = "BCEWithLogitsLoss";

    private final Tensor weight;
    private final Reduction reduction;
    private final Tensor posWeight;

    /** No weights, mean reduction. */
    public BCEWithLogitsLoss() {
        this(builder());
    }

    private BCEWithLogitsLoss(Builder b) {
        if (b.weight != null) {
            LossChecks.requireFloating(NAME, "weight", b.weight);
        }
        if (b.posWeight != null) {
            LossChecks.requireFloating(NAME, "posWeight", b.posWeight);
        }
        this.weight = b.weight;
        this.reduction = LossChecks.reduction(NAME, b.reduction);
        this.posWeight = b.posWeight;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        LossChecks.requireElementwisePair(NAME, input, target);
        requireBroadcastable("weight", weight, input);
        requireBroadcastable("posWeight", posWeight, input);
        try (Temporaries tmp = new Temporaries()) {
            Tensor logTerm = tmp.add(negativeLogSigmoid(input));
            if (posWeight != null) {
                Tensor pw = tmp.add(posWeight.to(input.dtype()));
                Tensor scale = tmp.add(tmp.add(tmp.add(pw.sub(1)).mul(target)).add(1));
                logTerm = tmp.add(scale.mul(logTerm));
            }
            Tensor linear = tmp.add(tmp.add(tmp.add(target.neg()).add(1)).mul(input));
            Tensor loss = linear.add(logTerm);
            if (weight != null) {
                tmp.add(loss);
                loss = loss.mul(tmp.add(weight.to(input.dtype())));
            }
            return reduction.apply(loss);
        }
    }

    /**
     * {@code -log σ(x) = log(1 + e^-x)} as the log-sum-exp {@code m + log(e^-m + e^(-x-m))} with
     * {@code m = max(-x, 0)}: both exponents are <= 0, so nothing overflows. The value equals
     * PyTorch's {@code log(1 + e^-|x|) + max(-x, 0)}, but built from that formula's ops the gradient
     * at x = 0 would be 0 (the subgradients of |x| and max at their kinks) instead of -1/2; here it
     * is {@code -σ(-x)} everywhere. The shift is detached because the value does not depend on it.
     */
    private static Tensor negativeLogSigmoid(Tensor x) {
        try (Temporaries tmp = new Temporaries()) {
            Tensor shift;
            try (Tensor negX = x.neg(); Tensor positivePart = negX.relu()) {
                shift = tmp.add(positivePart.detach());
            }
            Tensor first = tmp.add(tmp.add(shift.neg()).exp());
            Tensor second = tmp.add(tmp.add(tmp.add(x.add(shift)).neg()).exp());
            Tensor log = tmp.add(tmp.add(first.add(second)).log());
            return shift.add(log);
        }
    }

    private static void requireBroadcastable(String argument, Tensor t, Tensor input) {
        if (t != null) {
            LossChecks.requireBroadcastsTo(NAME, argument, t, input.shape());
            LossChecks.requireSameDevice(NAME, argument, t, input);
        }
    }

    @Override
    public String toString() {
        return NAME + "(reduction=" + reduction + (weight == null ? "" : ", weighted")
                + (posWeight == null ? "" : ", posWeight") + ")";
    }

    /** Options named after PyTorch's arguments. */
    public static final class Builder {
        private Tensor weight;
        private Reduction reduction = Reduction.MEAN;
        private Tensor posWeight;

        private Builder() {
        }

        /** Per-element rescaling, broadcast against the input; the loss reads it on every call, so keep it alive. */
        public Builder weight(Tensor weight) {
            this.weight = weight;
            return this;
        }

        public Builder reduction(Reduction reduction) {
            this.reduction = reduction;
            return this;
        }

        /** Weight of positive examples, broadcast against the input (shape [C] for C classes in the last dim). */
        public Builder posWeight(Tensor posWeight) {
            this.posWeight = posWeight;
            return this;
        }

        public BCEWithLogitsLoss build() {
            return new BCEWithLogitsLoss(this);
        }
    }
}
