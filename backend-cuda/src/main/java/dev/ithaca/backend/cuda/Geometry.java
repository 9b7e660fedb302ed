package dev.ithaca.backend.cuda;

import dev.ithaca.spi.Strided;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Several same-shape strided operands walked together, as the kernels receive them (the CUDA
 * struct {@code Geometry} in common.cuh): dimensions of size 1 are dropped and neighbours merged
 * where every operand is contiguous across them, so contiguous tensors become one dimension and
 * the kernels' index arithmetic stays short. Kernels take at most {@value #MAX_DIMS} dimensions; a
 * higher-rank walk is split into {@link #pieces()} launched one after another, each with the
 * element offsets of its outer index. Strides are in elements.
 */
final class Geometry {
    /** Must match ITHACA_MAX_DIMS / ITHACA_MAX_OPERANDS in common.cuh. */
    static final int MAX_DIMS = 12;
    static final int MAX_OPERANDS = 6;
    /** Longs in the serialized struct: rank, numel, shape, then the strides of every operand slot. */
    static final int WORDS = 2 + MAX_DIMS + MAX_OPERANDS * MAX_DIMS;

    private final long[] shape;
    private final long[][] strides;

    private Geometry(long[] shape, long[][] strides) {
        this.shape = shape;
        this.strides = strides;
    }

    /** A piece of a walk: a geometry the kernels accept and the element offset of each operand. */
    record Piece(Geometry geometry, long[] offsets) {
    }

    /** Plans a walk over {@code operands}, which all have the shape of the first. */
    static Geometry of(Strided... operands) {
        long[][] strides = new long[operands.length][];
        for (int i = 0; i < operands.length; i++) {
            strides[i] = operands[i].strides();
        }
        return of(operands[0].shape(), strides);
    }

    /** Plans a walk over {@code shape} with one stride array (in elements) per operand. */
    static Geometry of(long[] shape, long[]... strides) {
        if (strides.length == 0 || strides.length > MAX_OPERANDS) {
            throw new IllegalArgumentException("Geometry takes 1 to " + MAX_OPERANDS + " operands, got " + strides.length);
        }
        int k = strides.length;
        long[] outShape = new long[shape.length];
        long[][] outStrides = new long[k][shape.length];
        int rank = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1) {
                continue;
            }
            if (rank > 0 && mergeable(outStrides, rank - 1, shape[d], strides, d)) {
                outShape[rank - 1] *= shape[d];
                for (int i = 0; i < k; i++) {
                    outStrides[i][rank - 1] = strides[i][d];
                }
                continue;
            }
            outShape[rank] = shape[d];
            for (int i = 0; i < k; i++) {
                outStrides[i][rank] = strides[i][d];
            }
            rank++;
        }
        long[][] finalStrides = new long[k][];
        for (int i = 0; i < k; i++) {
            finalStrides[i] = Arrays.copyOf(outStrides[i], rank);
        }
        return new Geometry(Arrays.copyOf(outShape, rank), finalStrides);
    }

    private static boolean mergeable(long[][] outer, int od, long innerSize, long[][] inner, int id) {
        for (int i = 0; i < outer.length; i++) {
            if (outer[i][od] != inner[i][id] * innerSize) {
                return false;
            }
        }
        return true;
    }

    int rank() {
        return shape.length;
    }

    int operands() {
        return strides.length;
    }

    long size(int d) {
        return shape[d];
    }

    long stride(int operand, int d) {
        return strides[operand][d];
    }

    long numel() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    /** Element offset of {@code operand} at row-major linear index {@code linear}: the kernels' operandOffsets. */
    long offset(int operand, long linear) {
        long off = 0;
        long rest = linear;
        for (int d = shape.length - 1; d >= 0; d--) {
            off += (rest % shape[d]) * strides[operand][d];
            rest /= shape[d];
        }
        return off;
    }

    /**
     * The walk as kernel-sized pieces: itself when its rank fits, else one piece per index of the
     * leading {@code rank - MAX_DIMS} dimensions, in row-major order.
     */
    List<Piece> pieces() {
        int k = strides.length;
        if (shape.length <= MAX_DIMS) {
            return List.of(new Piece(this, new long[k]));
        }
        int outer = shape.length - MAX_DIMS;
        long[] innerShape = Arrays.copyOfRange(shape, outer, shape.length);
        long[][] innerStrides = new long[k][];
        for (int i = 0; i < k; i++) {
            innerStrides[i] = Arrays.copyOfRange(strides[i], outer, shape.length);
        }
        Geometry inner = new Geometry(innerShape, innerStrides);
        long count = 1;
        for (int d = 0; d < outer; d++) {
            count *= shape[d];
        }
        List<Piece> pieces = new ArrayList<>();
        long[] index = new long[outer];
        for (long p = 0; p < count; p++) {
            long[] offsets = new long[k];
            for (int i = 0; i < k; i++) {
                for (int d = 0; d < outer; d++) {
                    offsets[i] += index[d] * strides[i][d];
                }
            }
            pieces.add(new Piece(inner, offsets));
            for (int d = outer - 1; d >= 0 && ++index[d] == shape[d]; d--) {
                index[d] = 0;
            }
        }
        return pieces;
    }

    /** The struct the kernels take: rank, numel, shape[MAX_DIMS], strides[MAX_OPERANDS][MAX_DIMS], unused slots zero. */
    long[] words() {
        if (shape.length > MAX_DIMS) {
            throw new IllegalStateException("Geometry of rank " + shape.length + " must be split into pieces() first");
        }
        long[] words = new long[WORDS];
        words[0] = shape.length;
        words[1] = numel();
        System.arraycopy(shape, 0, words, 2, shape.length);
        for (int i = 0; i < strides.length; i++) {
            System.arraycopy(strides[i], 0, words, 2 + MAX_DIMS + i * MAX_DIMS, shape.length);
        }
        return words;
    }

    @Override
    public String toString() {
        return "Geometry" + Arrays.toString(shape) + " strides " + Arrays.deepToString(strides);
    }
}
