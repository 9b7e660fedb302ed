package dev.ithaca.tck;

import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Approximate comparison of computed values with reference values. A value passes when
 * {@code |actual - expected| <= rtol * max(1, |expected|)}: relative for large values, absolute
 * near zero (where cancellation makes relative error meaningless). NaN must meet NaN, and
 * infinities must match exactly.
 */
public final class Approx {
    /** Float rounding of one op is 6e-8; 1e-5 leaves room for a backend's own summation order. */
    public static final double FLOAT32_RTOL = 1e-5;
    public static final double FLOAT64_RTOL = 1e-12;

    private Approx() {
    }

    public static double rtol(DType dtype) {
        return dtype == DType.FLOAT64 ? FLOAT64_RTOL : FLOAT32_RTOL;
    }

    /** Shape and values of {@code actual}, with its dtype's tolerance. */
    public static void assertTensor(Tensor actual, long[] shape, double... expected) {
        assertThat(actual.shape()).as("shape of %s", actual.describe()).containsExactly(shape);
        assertValues(actual, expected);
    }

    /** Values of {@code actual} (any shape, read in row-major order), with its dtype's tolerance. */
    public static void assertValues(Tensor actual, double... expected) {
        assertClose(actual.toDoubleArray(), expected, rtol(actual.dtype()));
    }

    /** Same shape and approximately the same values. */
    public static void assertSameValues(Tensor actual, Tensor expected) {
        assertTensor(actual, expected.shape(), expected.toDoubleArray());
    }

    public static void assertClose(double[] actual, double[] expected, double rtol) {
        assertThat(actual).as("number of values").hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            if (!close(actual[i], expected[i], rtol)) {
                throw new AssertionError("value " + i + ": expected " + expected[i] + " but got " + actual[i]
                        + " (rtol " + rtol + ")" + context(actual, expected));
            }
        }
    }

    /** Purely relative check, for values far from 1 where the absolute floor would hide errors. */
    public static void assertRelative(double actual, double expected, double rtol) {
        assertThat(Math.abs(actual - expected)).as("%s vs expected %s", actual, expected)
                .isLessThanOrEqualTo(rtol * Math.abs(expected));
    }

    static boolean close(double actual, double expected, double rtol) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            return Double.compare(actual, expected) == 0;
        }
        return Math.abs(actual - expected) <= rtol * Math.max(1, Math.abs(expected));
    }

    private static String context(double[] actual, double[] expected) {
        if (expected.length > 16) {
            return "";
        }
        return "\n  actual:   " + Arrays.toString(actual) + "\n  expected: " + Arrays.toString(expected);
    }
}
