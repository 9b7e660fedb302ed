package dev.ithaca.tck;

import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;

import java.util.SplittableRandom;

/**
 * Deterministic test inputs from {@link SplittableRandom}, independent of the backend's own RNG.
 * Values are generated already rounded to the dtype, so references computed from the returned
 * doubles see exactly what the backend sees.
 */
public final class Samples {
    /** Just over three chunks of the CPU kernels' 32768-element grain, and prime, so chunks come out uneven. */
    public static final int LARGE = 100_003;

    private Samples() {
    }

    /** {@code n} values uniform in [lo, hi), each exactly representable as a float. */
    public static double[] floats(long seed, int n, double lo, double hi) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextDouble(lo, hi);
        }
        return values;
    }

    /** {@code n} whole numbers uniform in [lo, hi). */
    public static double[] integers(long seed, int n, long lo, long hi) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextLong(lo, hi);
        }
        return values;
    }

    /** 0, 1, 2, ... n-1. */
    public static double[] iota(int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        return values;
    }

    /**
     * A tensor of the dtype holding {@code values} (converted as Java casts do; BOOL is value != 0).
     * An empty {@code shape} means a 0-dim tensor of the single value.
     */
    public static Tensor tensor(DType dtype, double[] values, long... shape) {
        if (shape.length == 0) {
            try (Tensor single = tensor(dtype, values, 1)) {
                return single.reshape();
            }
        }
        int n = values.length;
        return switch (dtype) {
            case FLOAT32 -> {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (float) values[i];
                }
                yield Tensor.of(a, shape);
            }
            case FLOAT64 -> Tensor.of(values.clone(), shape);
            case INT32 -> {
                int[] a = new int[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (int) values[i];
                }
                yield Tensor.of(a, shape);
            }
            case INT64 -> {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (long) values[i];
                }
                yield Tensor.of(a, shape);
            }
            case BOOL -> {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) {
                    a[i] = values[i] != 0;
                }
                yield Tensor.of(a, shape);
            }
        };
    }

    /** FLOAT32 values of the given shape, uniform in [-2, 2): the values {@code floats(seed, numel, -2, 2)} returns. */
    public static Tensor floatTensor(long seed, long... shape) {
        return tensor(DType.FLOAT32, floats(seed, (int) numel(shape), -2, 2), shape);
    }

    public static long numel(long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }
}
