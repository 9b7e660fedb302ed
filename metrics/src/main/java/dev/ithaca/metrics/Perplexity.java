package dev.ithaca.metrics;

import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;

import java.util.Arrays;

/**
 * {@code exp} of the mean negative log-likelihood of the target tokens (torchmetrics
 * {@code Perplexity}). Takes logits {@code [N, C]} or {@code [N, T, C]} and integer targets
 * {@code [N]} or {@code [N, T]}; tokens whose target is the ignore index are not counted. The
 * log-probabilities come from log-softmax (torchmetrics takes the log of a softmax; same value,
 * steadier for large logits) and are summed in FLOAT64. With no counted tokens the result is NaN.
 */
public final class Perplexity extends StatefulMetric<Double> {
    private final Integer ignoreIndex;
    private final MetricState sumNegativeLogLikelihood = addState("sumNegativeLogLikelihood", DType.FLOAT64, StateReduction.SUM);
    private final MetricState count = addState("count", DType.INT64, StateReduction.SUM);

    public Perplexity() {
        this(null);
    }

    private Perplexity(Integer ignoreIndex) {
        super("Perplexity");
        this.ignoreIndex = ignoreIndex;
    }

    /** Tokens whose target equals {@code index} (e.g. padding, -100) are left out. */
    public static Perplexity ignoring(int index) {
        return new Perplexity(index);
    }

    @Override
    protected void accumulateBatch(Tensor logits, Tensor targets) {
        if (targets == null) {
            throw new IllegalArgumentException("Perplexity: targets must not be null");
        }
        if (!logits.dtype().isFloatingPoint() || (logits.dim() != 2 && logits.dim() != 3)) {
            throw new IllegalArgumentException("Perplexity: logits must be floating point [N, C] or [N, T, C], got " + logits.describe());
        }
        long[] expected = Arrays.copyOf(logits.shape(), logits.dim() - 1);
        if (!targets.dtype().isIntegral() || !Arrays.equals(targets.shape(), expected)) {
            throw new IllegalArgumentException("Perplexity: targets must be integer class indices of shape " + Arrays.toString(expected)
                    + " for logits " + logits.describe() + ", got " + targets.describe());
        }
        long classes = logits.size(logits.dim() - 1);
        Tensor target = targets.to(DType.INT64).reshape(-1);
        Tensor valid = ignoreIndex == null ? Tensor.ones(DType.BOOL, target.shape()) : target.ne(ignoreIndex);
        checkRange(target, valid, classes);
        if (target.numel() == 0) {
            return;
        }
        Tensor logProbabilities = logits.reshape(-1, classes).logSoftmax(1)
                .gather(1, target.mul(valid).unsqueeze(1)).reshape(-1).to(DType.FLOAT64);
        // where, not a multiply by the mask: an ignored token's stand-in class may have log-probability -inf
        Tensor nll = Tensor.where(valid, logProbabilities.neg(), Tensor.scalar(0, DType.FLOAT64));
        accumulate(sumNegativeLogLikelihood, nll.sum());
        accumulate(count, valid.sum());
    }

    private void checkRange(Tensor target, Tensor valid, long classes) {
        Tensor bad = target.lt(0).add(target.ge(classes)).mul(valid);
        if (bad.sum().item() == 0) {
            return;
        }
        long[] t = target.toLongArray();
        boolean[] b = bad.toBooleanArray();
        for (int i = 0; i < t.length; i++) {
            if (b[i]) {
                throw new IllegalArgumentException("Perplexity: target " + t[i] + " at flat index " + i + " is outside [0, " + classes + ")"
                        + (ignoreIndex == null ? "" : " and is not the ignore index " + ignoreIndex));
            }
        }
    }

    @Override
    protected Object config() {
        return ignoreIndex == null ? "all tokens" : "ignoreIndex=" + ignoreIndex;
    }

    @Override
    public Double compute() {
        return Math.exp(doubles(sumNegativeLogLikelihood)[0] / longs(count)[0]);
    }
}
