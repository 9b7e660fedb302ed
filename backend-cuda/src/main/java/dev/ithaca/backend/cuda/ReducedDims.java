package dev.ithaca.backend.cuda;

import dev.ithaca.spi.Strided;

import java.util.Arrays;

/**
 * The block of a tensor one output of a reduction covers: the reduced dims' sizes and element
 * strides, coalesced so a contiguous block becomes a single dimension (the CUDA struct
 * {@code ReducedBlock} in reduce.cu).
 */
record ReducedDims(long[] sizes, long[] strides, long count) {
    static final int WORDS = 2 + 2 * Geometry.MAX_DIMS;

    static ReducedDims of(Strided x, int[] dims) {
        for (int d : dims) {
            if (x.size(d) == 0) {
                return new ReducedDims(new long[] {0}, new long[] {0}, 0);
            }
        }
        long[] sizes = new long[dims.length];
        long[] strides = new long[dims.length];
        int rank = 0;
        for (int d : dims) {
            long size = x.size(d);
            long stride = x.stride(d);
            if (size == 1) {
                continue;
            }
            if (rank > 0 && strides[rank - 1] == stride * size) {
                sizes[rank - 1] *= size;
                strides[rank - 1] = stride;
                continue;
            }
            sizes[rank] = size;
            strides[rank] = stride;
            rank++;
        }
        long count = 1;
        for (int i = 0; i < rank; i++) {
            count *= sizes[i];
        }
        return new ReducedDims(Arrays.copyOf(sizes, rank), Arrays.copyOf(strides, rank), count);
    }

    int rank() {
        return sizes.length;
    }

    /** Element offset of element {@code j} of the block: reduce.cu's blockOffset. */
    long offset(long j) {
        long off = 0;
        for (int d = sizes.length - 1; d >= 0; d--) {
            off += (j % sizes[d]) * strides[d];
            j /= sizes[d];
        }
        return off;
    }

    long[] words() {
        if (sizes.length > Geometry.MAX_DIMS) {
            throw new IllegalStateException("a reduced block of rank " + sizes.length + " exceeds the kernels' " + Geometry.MAX_DIMS);
        }
        long[] words = new long[WORDS];
        words[0] = sizes.length;
        words[1] = count;
        System.arraycopy(sizes, 0, words, 2, sizes.length);
        System.arraycopy(strides, 0, words, 2 + Geometry.MAX_DIMS, strides.length);
        return words;
    }

    /** x restricted to one element per output: out's shape (size 1 on reduced dims), x's strides. */
    static Strided keptView(Strided x, long[] outShape) {
        return new Strided(x.storage(), x.dtype(), outShape, x.strides(), x.offset());
    }
}
