package dev.ithaca.metrics;

import java.util.Objects;

/**
 * The harmonic mean of precision and recall per class, {@code 2 tp / (2 tp + fn + fp)}, reduced by
 * {@link Average} (torchmetrics {@code F1Score}); the F-beta score with beta 1, see {@link FBetaScore}.
 */
public final class F1Score extends ClassificationMetric<F1Score> {

    private F1Score(ClassTask task, Average average) {
        super("F1Score", task, average);
    }

    public static F1Score multiclass(int numClasses, Average average) {
        return new F1Score(ClassTask.multiclass("F1Score", numClasses), Objects.requireNonNull(average, "F1Score: average must not be null"));
    }

    public static F1Score binary() {
        return binary(0.5);
    }

    public static F1Score binary(double threshold) {
        return new F1Score(ClassTask.binary("F1Score", threshold), Average.MICRO);
    }

    public F1Score zeroDivision(double value) {
        return setZeroDivision(value);
    }

    @Override
    F1Score self() {
        return this;
    }

    @Override
    double[] perClass(StatScores s) {
        return FBetaScore.perClass(s, 1, zeroDivision());
    }

    @Override
    double microScore(StatScores s) {
        return FBetaScore.score(StatScores.sum(s.tp()), StatScores.sum(s.fp()), StatScores.sum(s.fn()), 1, zeroDivision());
    }

    @Override
    boolean macroCountsClassesBySupport(int topK) {
        return false;
    }
}
