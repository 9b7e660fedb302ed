package dev.ithaca.benchmarks;

/**
 * Classification metrics as a Java programmer writes them on {@code float[]} logits: argmax per
 * row (the first maximum, as {@code torch.argmax}) and counts per class.
 */
final class MetricBaselines {
    private MetricBaselines() {
    }

    /** Per-class true positives, false positives and false negatives, accumulated over calls. */
    static final class Counts {
        final long[] tp;
        final long[] fp;
        final long[] fn;

        Counts(int classes) {
            tp = new long[classes];
            fp = new long[classes];
            fn = new long[classes];
        }

        double accuracy() {
            long correct = 0;
            long all = 0;
            for (int c = 0; c < tp.length; c++) {
                correct += tp[c];
                all += tp[c] + fn[c];
            }
            return (double) correct / all;
        }

        /** F1 averaged over the classes seen in targets or predictions; 0 for a class with no hits. */
        double macroF1() {
            double sum = 0;
            int present = 0;
            for (int c = 0; c < tp.length; c++) {
                long denominator = 2 * tp[c] + fp[c] + fn[c];
                if (denominator > 0) {
                    sum += 2.0 * tp[c] / denominator;
                    present++;
                }
            }
            return present == 0 ? 0 : sum / present;
        }
    }

    static int argmax(float[] logits, int row, int classes) {
        int start = row * classes;
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (logits[start + c] > logits[start + best]) {
                best = c;
            }
        }
        return best;
    }

    static long correct(float[] logits, long[] targets, int classes) {
        long correct = 0;
        for (int row = 0; row < targets.length; row++) {
            if (argmax(logits, row, classes) == targets[row]) {
                correct++;
            }
        }
        return correct;
    }

    static void count(float[] logits, long[] targets, int classes, Counts counts) {
        for (int row = 0; row < targets.length; row++) {
            int predicted = argmax(logits, row, classes);
            int target = (int) targets[row];
            if (predicted == target) {
                counts.tp[target]++;
            } else {
                counts.fp[predicted]++;
                counts.fn[target]++;
            }
        }
    }
}
