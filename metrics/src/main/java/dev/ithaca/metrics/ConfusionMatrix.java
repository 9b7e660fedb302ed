package dev.ithaca.metrics;

import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;

import java.util.Objects;

/**
 * Counts of (target, prediction) pairs: {@code compute()[t][p]}, rows = target, columns =
 * prediction (torchmetrics {@code ConfusionMatrix}). Built on the device as a bincount of
 * {@code target * C + prediction} with scatter-add. Inputs as for {@link Accuracy} (scores are
 * argmax-ed; binary scores thresholded), without top-k.
 */
public final class ConfusionMatrix extends StatefulMetric<long[][]> {
    private ClassTask task;
    private Normalize normalize = Normalize.NONE;
    private final MetricState counts;

    private ConfusionMatrix(ClassTask task) {
        super("ConfusionMatrix");
        this.task = task;
        this.counts = addState("counts", DType.INT64, StateReduction.SUM, task.numClasses(), task.numClasses());
    }

    public static ConfusionMatrix multiclass(int numClasses) {
        return new ConfusionMatrix(ClassTask.multiclass("ConfusionMatrix", numClasses));
    }

    /** A 2 x 2 matrix; a probability (or sigmoid of a logit) above {@code threshold} predicts 1. */
    public static ConfusionMatrix binary(double threshold) {
        return new ConfusionMatrix(ClassTask.binary("ConfusionMatrix", threshold));
    }

    /** How {@link #computeNormalized()} scales; only affects that method. */
    public ConfusionMatrix normalize(Normalize value) {
        normalize = Objects.requireNonNull(value, "ConfusionMatrix: normalize must not be null");
        return this;
    }

    /** Samples whose target equals {@code index} are not counted. */
    public ConfusionMatrix ignoreIndex(int index) {
        checkConfigurable("ignoreIndex");
        task = task.withIgnoreIndex(index);
        return this;
    }

    public int numClasses() {
        return task.numClasses();
    }

    @Override
    protected void accumulateBatch(Tensor predictions, Tensor targets) {
        ClassificationInput in = ClassificationInput.of(metricName(), task, predictions, targets);
        if (in.isEmpty()) {
            return;
        }
        int c = task.numClasses();
        Tensor cell = in.target().mul(c).add(in.predicted());
        Tensor bins = Tensor.zeros(DType.INT64, (long) c * c).scatterAdd(0, cell, in.valid());
        accumulate(counts, bins.reshape(c, c));
    }

    @Override
    protected Object config() {
        return task;
    }

    /** The raw counts, rows = target, columns = prediction. */
    @Override
    public long[][] compute() {
        int c = task.numClasses();
        long[] flat = longs(counts);
        long[][] out = new long[c][c];
        for (int t = 0; t < c; t++) {
            System.arraycopy(flat, t * c, out[t], 0, c);
        }
        return out;
    }

    /**
     * The counts scaled by the {@link Normalize} mode: TRUE divides each row by its sum, PRED each
     * column by its sum, ALL every cell by the total; an empty row, column or matrix gives zeros
     * (torchmetrics replaces the NaNs of 0/0 by 0).
     */
    public double[][] computeNormalized() {
        long[][] m = compute();
        int c = m.length;
        double[] rowSums = new double[c];
        double[] colSums = new double[c];
        double total = 0;
        for (int t = 0; t < c; t++) {
            for (int p = 0; p < c; p++) {
                rowSums[t] += m[t][p];
                colSums[p] += m[t][p];
                total += m[t][p];
            }
        }
        double[][] out = new double[c][c];
        for (int t = 0; t < c; t++) {
            for (int p = 0; p < c; p++) {
                double den = switch (normalize) {
                    case NONE -> 1;
                    case TRUE -> rowSums[t];
                    case PRED -> colSums[p];
                    case ALL -> total;
                };
                out[t][p] = StatScores.safeDivide(m[t][p], den, 0);
            }
        }
        return out;
    }
}
