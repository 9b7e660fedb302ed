package dev.ithaca.metrics;

import java.util.Objects;

/**
 * F-beta per class, {@code (1 + b²) tp / ((1 + b²) tp + b² fn + fp)}, reduced by {@link Average}
 * (torchmetrics {@code FBetaScore}); beta above 1 favours recall. A class with no tp, fp or fn
 * scores {@code zeroDivision}. MACRO leaves out classes absent from both targets and predictions,
 * also with top-k (torchmetrics applies the top-k rule only to accuracy, precision and recall).
 */
public final class FBetaScore extends ClassificationMetric<FBetaScore> {
    private final double beta;

    private FBetaScore(ClassTask task, double beta, Average average) {
        super("FBetaScore", task, average);
        this.beta = checkBeta(beta);
    }

    public static FBetaScore multiclass(int numClasses, double beta, Average average) {
        return new FBetaScore(ClassTask.multiclass("FBetaScore", numClasses), beta, Objects.requireNonNull(average, "FBetaScore: average must not be null"));
    }

    public static FBetaScore binary(double beta, double threshold) {
        return new FBetaScore(ClassTask.binary("FBetaScore", threshold), beta, Average.MICRO);
    }

    public FBetaScore zeroDivision(double value) {
        return setZeroDivision(value);
    }

    public double beta() {
        return beta;
    }

    @Override
    FBetaScore self() {
        return this;
    }

    @Override
    double[] perClass(StatScores s) {
        return perClass(s, beta, zeroDivision());
    }

    @Override
    double microScore(StatScores s) {
        return score(StatScores.sum(s.tp()), StatScores.sum(s.fp()), StatScores.sum(s.fn()), beta, zeroDivision());
    }

    @Override
    boolean macroCountsClassesBySupport(int topK) {
        return false;
    }

    static double[] perClass(StatScores s, double beta, double zeroDivision) {
        double[] out = new double[s.numClasses()];
        for (int c = 0; c < out.length; c++) {
            out[c] = score(s.tp()[c], s.fp()[c], s.fn()[c], beta, zeroDivision);
        }
        return out;
    }

    static double score(long tp, long fp, long fn, double beta, double zeroDivision) {
        double b2 = beta * beta;
        return StatScores.safeDivide((1 + b2) * tp, (1 + b2) * tp + b2 * fn + fp, zeroDivision);
    }

    private double checkBeta(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(metricName() + ": beta must be a finite number above 0, got " + value);
        }
        return value;
    }
}
