package dev.ithaca.metrics;

import dev.ithaca.tensor.Tensor;

import java.util.Objects;

/**
 * What Accuracy, Precision, Recall and the F-scores share: the task (binary or multiclass, top-k,
 * ignore index), the per-class counts kept as state, and the reduction by {@link Average}. Each
 * subclass supplies only its per-class formula and its micro formula.
 *
 * <p>Inputs: scores {@code [N, C, ...]} (logits or probabilities; argmax, or the k highest for
 * top-k) with integer targets {@code [N, ...]}, or integer class indices of the targets' shape.
 * Binary tasks take probabilities or logits (a sigmoid is applied when any value of the batch is
 * outside [0, 1], as torchmetrics does) thresholded with {@code > threshold}, or 0/1 integers.
 *
 * @param <S> the concrete metric, so that the fluent setters chain
 */
public abstract sealed class ClassificationMetric<S extends ClassificationMetric<S>> extends StatefulMetric<Double>
        permits Accuracy, Precision, Recall, FBetaScore, F1Score {
    private ClassTask task;
    private Average average;
    private double zeroDivision;
    private final StatScoreStates counts;

    ClassificationMetric(String name, ClassTask task, Average average) {
        super(name);
        this.task = task;
        this.average = average;
        this.counts = new StatScoreStates(this, task.numClasses());
    }

    abstract S self();

    /** Counts a hit when the target is among the {@code k} highest scores (ties go to the lower class index). */
    public final S topK(int k) {
        checkConfigurable("topK");
        task = task.withTopK(metricName(), k);
        return self();
    }

    /** How per-class scores reduce; may change at any time, since it only affects {@link #compute}. */
    public final S average(Average value) {
        Objects.requireNonNull(value, () -> metricName() + ": average must not be null");
        if (task.binary()) {
            throw new IllegalArgumentException(metricName() + ": average applies to multiclass tasks, not binary (got " + value + ")");
        }
        average = value;
        return self();
    }

    /** Samples whose target equals {@code index} are left out entirely. */
    public final S ignoreIndex(int index) {
        checkConfigurable("ignoreIndex");
        task = task.withIgnoreIndex(index);
        return self();
    }

    final S setZeroDivision(double value) {
        if (value != 0 && value != 1) {
            throw new IllegalArgumentException(metricName() + ": zeroDivision must be 0 or 1, got " + value);
        }
        zeroDivision = value;
        return self();
    }

    final double zeroDivision() {
        return zeroDivision;
    }

    public final int numClasses() {
        return task.numClasses();
    }

    public final Average averageMode() {
        return average;
    }

    @Override
    protected final void accumulateBatch(Tensor predictions, Tensor targets) {
        counts.accumulate(this, ClassificationInput.of(metricName(), task, predictions, targets));
    }

    @Override
    protected final Object config() {
        return task;
    }

    /** The score reduced by the configured {@link Average}; with {@link Average#NONE} use {@link #computePerClass()}. */
    @Override
    public final Double compute() {
        StatScores s = counts.read(this);
        if (task.binary()) {
            return binaryScore(s);
        }
        return switch (average) {
            case MICRO -> microScore(s);
            case MACRO, WEIGHTED -> s.average(perClass(s), average, macroCountsClassesBySupport(task.topK()));
            case NONE -> throw new IllegalStateException(metricName() + ": average NONE gives one value per class;"
                    + " call computePerClass()");
        };
    }

    /** One score per class (index = class), whatever the average; for binary tasks, classes 0 and 1. */
    public final double[] computePerClass() {
        return perClass(counts.read(this));
    }

    abstract double[] perClass(StatScores s);

    abstract double microScore(StatScores s);

    /** The score of the positive class 1. */
    double binaryScore(StatScores s) {
        return perClass(s)[1];
    }

    /** torchmetrics' MACRO rule: with top-k a class occurs when it has targets, otherwise also when predicted. */
    boolean macroCountsClassesBySupport(int topK) {
        return topK > 1;
    }
}
