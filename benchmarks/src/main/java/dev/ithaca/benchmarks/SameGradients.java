package dev.ithaca.benchmarks;

import dev.ithaca.tensor.Tensor;

import java.util.Map;

/**
 * Checked once per trial: an autograd-overhead ratio only means something when the taped step and
 * the hand-written one compute the same gradients. Gradients are small numbers, so each is
 * compared relative to the largest magnitude in its tensor rather than to 1.
 */
final class SameGradients {
    private SameGradients() {
    }

    /**
     * @param expected hand-written gradients by parameter name
     * @param leaves   the taped side's leaves by the same names, holding their gradients after backward
     */
    static void check(String what, Map<String, float[]> expected, Map<String, ? extends Tensor> leaves, double tolerance) {
        for (Map.Entry<String, float[]> e : expected.entrySet()) {
            Tensor leaf = leaves.get(e.getKey());
            if (leaf == null || leaf.grad() == null) {
                throw new IllegalStateException(what + ": the taped step left no gradient for " + e.getKey());
            }
            float[] values = e.getValue();
            SameResult.check(what + " d" + e.getKey(), values, leaf.grad().toFloatArray(), tolerance * Math.max(maxAbs(values), 1e-30));
        }
    }

    private static double maxAbs(float[] values) {
        double max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
