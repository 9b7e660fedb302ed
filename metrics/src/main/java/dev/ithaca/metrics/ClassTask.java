package dev.ithaca.metrics;

/**
 * What a classification input means: binary (scores thresholded, two classes) or multiclass
 * ({@code numClasses} classes, a hit when the target is among the {@code topK} highest scores),
 * and which target value, if any, is ignored.
 */
record ClassTask(boolean binary, int numClasses, int topK, Integer ignoreIndex, double threshold) {

    static ClassTask binary(String metric, double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException(metric + ": threshold must be in [0, 1], got " + threshold);
        }
        return new ClassTask(true, 2, 1, null, threshold);
    }

    static ClassTask multiclass(String metric, int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException(metric + ": numClasses must be at least 2, got " + numClasses);
        }
        return new ClassTask(false, numClasses, 1, null, 0.5);
    }

    ClassTask withTopK(String metric, int k) {
        if (binary) {
            throw new IllegalArgumentException(metric + ": topK applies to multiclass tasks, not binary (got topK " + k + ")");
        }
        if (k < 1 || k > numClasses) {
            throw new IllegalArgumentException(metric + ": topK must be in [1, numClasses=" + numClasses + "], got " + k);
        }
        return new ClassTask(binary, numClasses, k, ignoreIndex, threshold);
    }

    ClassTask withIgnoreIndex(int index) {
        return new ClassTask(binary, numClasses, topK, index, threshold);
    }
}
