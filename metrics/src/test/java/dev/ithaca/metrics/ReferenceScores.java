package dev.ithaca.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Plain-Java loops over samples, written from torchmetrics' documented definitions, to check the
 * tensor implementation against: a sample is a hit when its target is among its k highest scores
 * (ties to the lower class index); tp/fp/fn per class; MICRO from summed counts; MACRO over the
 * classes that occur; WEIGHTED by support.
 */
final class ReferenceScores {
    final long[] tp;
    final long[] fp;
    final long[] fn;
    final int topK;

    private ReferenceScores(int classes, int topK) {
        this.tp = new long[classes];
        this.fp = new long[classes];
        this.fn = new long[classes];
        this.topK = topK;
    }

    /** {@code scores[n]} per sample (or {@code predicted[n]} when scores is null); targets equal to {@code ignore} are skipped. */
    static ReferenceScores of(double[][] scores, int[] predicted, int[] targets, int classes, int k, Integer ignore) {
        ReferenceScores r = new ReferenceScores(classes, k);
        for (int n = 0; n < targets.length; n++) {
            if (ignore != null && targets[n] == ignore) {
                continue;
            }
            int[] picks = scores == null ? new int[] {predicted[n]} : topK(scores[n], k);
            boolean hit = false;
            for (int c : picks) {
                if (c == targets[n]) {
                    r.tp[c]++;
                    hit = true;
                } else {
                    r.fp[c]++;
                }
            }
            if (!hit) {
                r.fn[targets[n]]++;
            }
        }
        return r;
    }

    static int[] topK(double[] row, int k) {
        return IntStream.range(0, row.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -row[i]).thenComparingInt(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    static long[][] confusion(int[] predicted, int[] targets, int classes, Integer ignore) {
        long[][] m = new long[classes][classes];
        for (int n = 0; n < targets.length; n++) {
            if (ignore == null || targets[n] != ignore) {
                m[targets[n]][predicted[n]]++;
            }
        }
        return m;
    }

    interface Formula {
        double score(long tp, long fp, long fn);
    }

    static Formula accuracy() {
        return (tp, fp, fn) -> div(tp, tp + fn, 0);
    }

    static Formula precision(double zeroDivision) {
        return (tp, fp, fn) -> div(tp, tp + fp, zeroDivision);
    }

    static Formula recall(double zeroDivision) {
        return (tp, fp, fn) -> div(tp, tp + fn, zeroDivision);
    }

    static Formula fBeta(double beta, double zeroDivision) {
        double b2 = beta * beta;
        return (tp, fp, fn) -> div((1 + b2) * tp, (1 + b2) * tp + b2 * fn + fp, zeroDivision);
    }

    double[] perClass(Formula f) {
        double[] out = new double[tp.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = f.score(tp[c], fp[c], fn[c]);
        }
        return out;
    }

    /** {@code macroBySupport}: a class occurs when it has targets (top-k accuracy/precision/recall), else when in tp, fp or fn. */
    double reduce(Formula f, Average average, boolean macroBySupport) {
        if (average == Average.MICRO) {
            return f.score(Arrays.stream(tp).sum(), Arrays.stream(fp).sum(), Arrays.stream(fn).sum());
        }
        double[] score = perClass(f);
        double num = 0;
        double den = 0;
        for (int c = 0; c < score.length; c++) {
            double w;
            if (average == Average.WEIGHTED) {
                w = tp[c] + fn[c];
            } else {
                boolean occurs = macroBySupport ? tp[c] + fn[c] > 0 : tp[c] + fp[c] + fn[c] > 0;
                w = occurs ? 1 : 0;
            }
            num += w * score[c];
            den += w;
        }
        return den == 0 ? 0 : num / den;
    }

    private static double div(double num, double den, double zeroDivision) {
        return den == 0 ? zeroDivision : num / den;
    }
}
