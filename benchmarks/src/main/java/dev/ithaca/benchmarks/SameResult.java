package dev.ithaca.benchmarks;

/**
 * Checked once per trial: a ratio only means something when the Tensor side and its baseline
 * compute the same numbers.
 */
final class SameResult {
    private SameResult() {
    }

    /** Throws when any element differs by more than {@code tolerance} (absolute, scaled by max(1, |expected|)). */
    static void check(String what, float[] expected, float[] actual, double tolerance) {
        if (expected.length != actual.length) {
            throw new IllegalStateException(what + ": baseline has " + expected.length + " values, Tensor has " + actual.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double allowed = tolerance * Math.max(1, Math.abs(expected[i]));
            if (!(Math.abs(expected[i] - actual[i]) <= allowed)) {
                throw new IllegalStateException(what + ": element " + i + " is " + actual[i] + " through Tensor but "
                        + expected[i] + " in the baseline; the benchmark pair does not do the same work");
            }
        }
    }

    static void check(String what, double expected, double actual, double tolerance) {
        check(what, new float[] {(float) expected}, new float[] {(float) actual}, tolerance);
    }
}
