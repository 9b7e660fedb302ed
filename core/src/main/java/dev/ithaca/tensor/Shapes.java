package dev.ithaca.tensor;

import java.util.Arrays;

/** Shape arithmetic shared by the tensor ops: sizes, strides, broadcasting and dimension checks. */
public final class Shapes {
    private Shapes() {
    }

    /** Element count; 0 when any size is 0, however large the others. Throws when the count overflows a long. */
    public static long numel(long[] shape) {
        for (long s : shape) {
            if (s == 0) {
                return 0;
            }
        }
        long n = 1;
        for (long s : shape) {
            try {
                n = Math.multiplyExact(n, s);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more elements than a long can count", e);
            }
        }
        return n;
    }

    public static long[] contiguousStrides(long[] shape) {
        long[] strides = new long[shape.length];
        long stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= Math.max(shape[d], 1);
        }
        return strides;
    }

    /** Rejects negative sizes and element counts no byte size could hold, naming the operation and the shape. */
    public static long[] checkShape(String op, long[] shape) {
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0) {
                throw new IllegalArgumentException(op + ": size of dimension " + d + " must be >= 0, got shape "
                        + Arrays.toString(shape));
            }
        }
        long numel;
        try {
            numel = numel(shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + e.getMessage(), e);
        }
        // 8 bytes is the widest element: beyond this the byte size itself would overflow
        if (numel > Long.MAX_VALUE / Long.BYTES) {
            throw new IllegalArgumentException(op + ": shape " + Arrays.toString(shape) + " has " + numel
                    + " elements, more than any storage can address");
        }
        return shape.clone();
    }

    /** NumPy broadcasting: align trailing dims; each pair must be equal or contain a 1. */
    public static long[] broadcast(String op, long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long sa = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            long sb = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (sa != sb && sa != 1 && sb != 1) {
                throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " cannot be broadcast (dimension " + i + " of the result: " + sa + " vs " + sb
                        + "); sizes must be equal or one of them 1");
            }
            out[i] = sa == 1 ? sb : sa;
        }
        return out;
    }

    /** Maps a possibly negative dim to [0, rank), or throws naming the op, the dim and the valid range. */
    public static int normalizeDim(String op, int dim, int rank) {
        int lo = rank == 0 ? -1 : -rank;
        int hi = rank == 0 ? 0 : rank - 1;
        if (dim < lo || dim > hi) {
            throw new IllegalArgumentException(op + ": dim " + dim + " is out of range for a tensor of rank " + rank
                    + " (valid: " + lo + " to " + hi + ")");
        }
        return dim < 0 ? dim + Math.max(rank, 1) : dim;
    }

    /** Normalizes, sorts and de-duplicates-checks a set of dims. An empty set means every dim. */
    public static int[] normalizeDims(String op, int[] dims, int rank) {
        if (dims.length == 0) {
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = rank == 0 ? normalizeDim(op, dims[i], 0) * 0 : normalizeDim(op, dims[i], rank);
        }
        Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) {
                throw new IllegalArgumentException(op + ": dim " + out[i] + " appears more than once in " + Arrays.toString(dims));
            }
        }
        return rank == 0 ? new int[0] : out;
    }

    public static String format(long[] shape) {
        return Arrays.toString(shape);
    }
}
