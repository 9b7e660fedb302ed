package dev.ithaca.metrics;

/**
 * Per-class true positives, false positives and false negatives, and torchmetrics' reductions
 * over them ({@code _safe_divide}, {@code _adjust_weights_safe_divide}).
 */
record StatScores(long[] tp, long[] fp, long[] fn) {

    int numClasses() {
        return tp.length;
    }

    static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }

    /** num / den, or {@code zeroDivision} where den is 0. */
    static double safeDivide(double num, double den, double zeroDivision) {
        return den != 0 ? num / den : zeroDivision;
    }

    /**
     * MACRO, WEIGHTED (by support tp + fn) or NONE-less averages of per-class scores. MACRO leaves
     * out classes that never occur: with {@code presentBySupport} those without targets (tp + fn = 0,
     * torchmetrics' rule for top-k), else those absent from both targets and predictions
     * (tp + fp + fn = 0). An empty weight sum gives 0.
     */
    double average(double[] score, Average average, boolean presentBySupport) {
        double[] weights = new double[score.length];
        for (int c = 0; c < score.length; c++) {
            long support = tp[c] + fn[c];
            weights[c] = switch (average) {
                case WEIGHTED -> support;
                case MACRO -> (presentBySupport ? support : support + fp[c]) == 0 ? 0 : 1;
                case MICRO, NONE -> throw new IllegalArgumentException("average " + average + " is not a per-class reduction");
            };
        }
        double num = 0;
        double den = 0;
        for (int c = 0; c < score.length; c++) {
            num += weights[c] * score[c];
            den += weights[c];
        }
        return safeDivide(num, den, 0);
    }
}
