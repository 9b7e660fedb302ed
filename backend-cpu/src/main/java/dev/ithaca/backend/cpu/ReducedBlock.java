package dev.ithaca.backend.cpu;

import dev.ithaca.spi.Strided;

import java.util.Arrays;

/**
 * The sub-block of a tensor that one output element of a reduction covers: the reduced dims'
 * sizes and byte strides, coalesced so a contiguous block becomes a single row.
 */
final class ReducedBlock {
    final long[] sizes;
    final long[] byteStrides;
    final long count;

    private ReducedBlock(long[] sizes, long[] byteStrides) {
        this.sizes = sizes;
        this.byteStrides = byteStrides;
        long n = 1;
        for (long s : sizes) {
            n *= s;
        }
        this.count = n;
    }

    static ReducedBlock of(Strided x, int[] dims) {
        int elementSize = x.dtype().byteSize();
        long[] sizes = new long[dims.length];
        long[] strides = new long[dims.length];
        int rank = 0;
        for (int d : dims) {
            long size = x.size(d);
            long stride = x.stride(d) * elementSize;
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
        boolean empty = Arrays.stream(dims).anyMatch(d -> x.size(d) == 0);
        if (empty) {
            return new ReducedBlock(new long[] {0}, new long[] {0});
        }
        return new ReducedBlock(Arrays.copyOf(sizes, rank), Arrays.copyOf(strides, rank));
    }

    /** x restricted to one element per output: shape with 1 on reduced dims, x's strides. */
    static Strided keptView(Strided x, long[] outShape) {
        return new Strided(x.storage(), x.dtype(), outShape, x.strides(), x.offset());
    }

    /** Calls {@code row} for every innermost row of the block starting at {@code base}. */
    void forEachRow(long base, RowVisitor row) {
        int rank = sizes.length;
        if (rank == 0) {
            row.visit(base, 0, count == 0 ? 0 : 1);
            return;
        }
        long inner = sizes[rank - 1];
        long innerStride = byteStrides[rank - 1];
        if (rank == 1) {
            row.visit(base, innerStride, inner);
            return;
        }
        long[] index = new long[rank - 1];
        while (true) {
            long a = base;
            for (int d = 0; d < rank - 1; d++) {
                a += index[d] * byteStrides[d];
            }
            row.visit(a, innerStride, inner);
            int d = rank - 2;
            while (d >= 0 && ++index[d] == sizes[d]) {
                index[d] = 0;
                d--;
            }
            if (d < 0) {
                return;
            }
        }
    }

    @FunctionalInterface
    interface RowVisitor {
        void visit(long address, long byteStride, long count);
    }
}
