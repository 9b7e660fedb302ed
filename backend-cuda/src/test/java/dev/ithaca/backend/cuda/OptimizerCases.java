package dev.ithaca.backend.cuda;

import dev.ithaca.spi.OptimizerUpdate;
import dev.ithaca.tensor.DType;

import java.util.List;
import java.util.SplittableRandom;

/** Optimizer settings covering every flag of every update family, with inputs and the reference result. */
final class OptimizerCases {
    private OptimizerCases() {
    }

    static List<OptimizerUpdate> updates() {
        return List.of(
                new OptimizerUpdate.Sgd(0.1, 0, 0, 0, false, false, false, true),
                new OptimizerUpdate.Sgd(0.05, 0.9, 0.1, 1e-4, false, false, true, true),
                new OptimizerUpdate.Sgd(0.05, 0.9, 0, 1e-4, true, true, false, true),
                new OptimizerUpdate.Adam(1e-3, 0.9, 0.999, 1e-8, 0, false, false, false, 1, true),
                new OptimizerUpdate.Adam(1e-3, 0.9, 0.999, 1e-8, 1e-2, true, false, false, 7, true),
                new OptimizerUpdate.Adam(1e-2, 0.3, 0.99, 1e-6, 0.1, false, true, true, 3, false),
                new OptimizerUpdate.RmsProp(1e-2, 0.99, 1e-8, 0, 0, false, false, true),
                new OptimizerUpdate.RmsProp(1e-2, 0.6, 1e-8, 1e-3, 0.9, true, true, true),
                new OptimizerUpdate.Adagrad(1e-2, 0.1, 1e-3, 1e-10, 4, false, true));
    }

    /** Parameter, gradient and state values; a few sit in the subnormal range, so the flush is exercised. */
    static double[][] inputs(OptimizerUpdate update, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] values = new double[2 + update.stateCount()][n];
        for (int k = 0; k < values.length; k++) {
            for (int i = 0; i < n; i++) {
                double v = i % 97 == 0 ? random.nextDouble(-1, 1) * 1e-39 : random.nextDouble(-2, 2);
                values[k][i] = k >= 2 ? Math.abs(v) : v;   // accumulated squares are never negative
            }
        }
        return values;
    }

    /** The operands after {@code steps} reference steps, as raw bits of the dtype. */
    record Run(long[][] bits) {
        long[] bits(int operand) {
            return bits[operand];
        }
    }

    static Run reference(OptimizerUpdate update, DType dtype, double[][] values, int steps) {
        int count = values.length;
        long[][] bits = new long[count][];
        if (dtype == DType.FLOAT32) {
            float[][] f = new float[count][];
            for (int k = 0; k < count; k++) {
                f[k] = new float[values[k].length];
                for (int i = 0; i < f[k].length; i++) {
                    f[k][i] = (float) values[k][i];
                }
            }
            float[][] state = java.util.Arrays.copyOfRange(f, 2, count);
            for (int s = 0; s < steps; s++) {
                OptimizerReference.step(update, f[0], f[1], state);
            }
            for (int k = 0; k < count; k++) {
                bits[k] = new long[f[k].length];
                for (int i = 0; i < f[k].length; i++) {
                    bits[k][i] = Float.floatToRawIntBits(f[k][i]);
                }
            }
        } else {
            double[][] d = new double[count][];
            for (int k = 0; k < count; k++) {
                d[k] = values[k].clone();
            }
            double[][] state = java.util.Arrays.copyOfRange(d, 2, count);
            for (int s = 0; s < steps; s++) {
                OptimizerReference.step(update, d[0], d[1], state);
            }
            for (int k = 0; k < count; k++) {
                bits[k] = java.util.Arrays.stream(d[k]).mapToLong(Double::doubleToRawLongBits).toArray();
            }
        }
        return new Run(bits);
    }
}
