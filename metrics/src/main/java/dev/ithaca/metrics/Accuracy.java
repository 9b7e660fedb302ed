package dev.ithaca.metrics;

/**
 * Fraction of samples whose target was predicted (torchmetrics {@code Accuracy}).
 *
 * <pre>{@code
 * Accuracy acc = Accuracy.multiclass(10).topK(1).average(Average.MICRO);
 * acc.update(logits, targets);
 * double a = acc.compute();
 * }</pre>
 *
 * MICRO (the default here; torchmetrics defaults to MACRO) is hits / counted samples. MACRO is the
 * mean per-class recall over the classes that occur; WEIGHTED weights it by support; NONE gives the
 * per-class recalls through {@link #computePerClass()}. Divisions by zero give 0.
 */
public final class Accuracy extends ClassificationMetric<Accuracy> {

    private Accuracy(ClassTask task) {
        super("Accuracy", task, Average.MICRO);
    }

    public static Accuracy multiclass(int numClasses) {
        return new Accuracy(ClassTask.multiclass("Accuracy", numClasses));
    }

    /** Binary accuracy with threshold 0.5. */
    public static Accuracy binary() {
        return binary(0.5);
    }

    /** Binary accuracy: a probability (or sigmoid of a logit) above {@code threshold} predicts 1. */
    public static Accuracy binary(double threshold) {
        return new Accuracy(ClassTask.binary("Accuracy", threshold));
    }

    @Override
    Accuracy self() {
        return this;
    }

    @Override
    double[] perClass(StatScores s) {
        double[] out = new double[s.numClasses()];
        for (int c = 0; c < out.length; c++) {
            out[c] = StatScores.safeDivide(s.tp()[c], s.tp()[c] + s.fn()[c], 0);
        }
        return out;
    }

    @Override
    double microScore(StatScores s) {
        long tp = StatScores.sum(s.tp());
        return StatScores.safeDivide(tp, tp + StatScores.sum(s.fn()), 0);
    }

    /** (tp + tn) / all, which is the micro score over both classes. */
    @Override
    double binaryScore(StatScores s) {
        return microScore(s);
    }
}
