package dev.ithaca.metrics;

/**
 * tp / (tp + fn) per class, reduced by {@link Average} (torchmetrics {@code Recall}); a class
 * that never occurs as a target scores {@code zeroDivision} (0 unless set to 1).
 */
public final class Recall extends ClassificationMetric<Recall> {

    private Recall(ClassTask task, Average average) {
        super("Recall", task, average);
    }

    public static Recall multiclass(int numClasses, Average average) {
        return new Recall(ClassTask.multiclass("Recall", numClasses), java.util.Objects.requireNonNull(average, "Recall: average must not be null"));
    }

    public static Recall binary() {
        return binary(0.5);
    }

    public static Recall binary(double threshold) {
        return new Recall(ClassTask.binary("Recall", threshold), Average.MICRO);
    }

    /** The score of a class (or of MICRO) whose denominator is 0: 0 or 1. */
    public Recall zeroDivision(double value) {
        return setZeroDivision(value);
    }

    @Override
    Recall self() {
        return this;
    }

    @Override
    double[] perClass(StatScores s) {
        double[] out = new double[s.numClasses()];
        for (int c = 0; c < out.length; c++) {
            out[c] = StatScores.safeDivide(s.tp()[c], s.tp()[c] + s.fn()[c], zeroDivision());
        }
        return out;
    }

    @Override
    double microScore(StatScores s) {
        long tp = StatScores.sum(s.tp());
        return StatScores.safeDivide(tp, tp + StatScores.sum(s.fn()), zeroDivision());
    }
}
