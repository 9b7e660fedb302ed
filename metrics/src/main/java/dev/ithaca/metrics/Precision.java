package dev.ithaca.metrics;

/**
 * tp / (tp + fp) per class, reduced by {@link Average} (torchmetrics {@code Precision}); a class
 * never predicted scores {@code zeroDivision} (0 unless set to 1).
 */
public final class Precision extends ClassificationMetric<Precision> {

    private Precision(ClassTask task, Average average) {
        super("Precision", task, average);
    }

    public static Precision multiclass(int numClasses, Average average) {
        return new Precision(ClassTask.multiclass("Precision", numClasses), java.util.Objects.requireNonNull(average, "Precision: average must not be null"));
    }

    public static Precision binary() {
        return binary(0.5);
    }

    public static Precision binary(double threshold) {
        return new Precision(ClassTask.binary("Precision", threshold), Average.MICRO);
    }

    /** The score of a class (or of MICRO) whose denominator is 0: 0 or 1. */
    public Precision zeroDivision(double value) {
        return setZeroDivision(value);
    }

    @Override
    Precision self() {
        return this;
    }

    @Override
    double[] perClass(StatScores s) {
        double[] out = new double[s.numClasses()];
        for (int c = 0; c < out.length; c++) {
            out[c] = StatScores.safeDivide(s.tp()[c], s.tp()[c] + s.fp()[c], zeroDivision());
        }
        return out;
    }

    @Override
    double microScore(StatScores s) {
        long tp = StatScores.sum(s.tp());
        return StatScores.safeDivide(tp, tp + StatScores.sum(s.fp()), zeroDivision());
    }
}
