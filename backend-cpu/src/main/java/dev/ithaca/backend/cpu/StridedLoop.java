package dev.ithaca.backend.cpu;

import dev.ithaca.spi.Strided;

/**
 * Walks several same-shape strided operands together, as PyTorch's TensorIterator does:
 * dimensions are coalesced where every operand is contiguous across them, and the kernel gets
 * whole rows (a start address and a byte stride per operand), so its inner loop is tight and
 * contiguous tensors become one long row. Large iterations are split across threads.
 */
final class StridedLoop {
    /** Processes {@code count} elements; {@code addresses[k]} and {@code byteStrides[k]} describe operand k's row. */
    @FunctionalInterface
    interface RowKernel {
        void row(long[] addresses, long[] byteStrides, long count);
    }

    /** Elements per thread below which a loop stays single-threaded. */
    static final long GRAIN = 1 << 15;

    private final long[] shape;
    private final long[][] byteStrides;
    private final long[] bases;

    private StridedLoop(long[] shape, long[][] byteStrides, long[] bases) {
        this.shape = shape;
        this.byteStrides = byteStrides;
        this.bases = bases;
    }

    /** Plans a loop over {@code operands}, which all have the shape of the first. */
    static StridedLoop of(Strided... operands) {
        long[] shape = operands[0].shape();
        int k = operands.length;
        long[] bases = new long[k];
        long[][] strides = new long[k][];
        for (int i = 0; i < k; i++) {
            Strided s = operands[i];
            int size = s.dtype().byteSize();
            bases[i] = ((CpuStorage) s.storage()).address() + s.offset() * size;
            strides[i] = new long[shape.length];
            for (int d = 0; d < shape.length; d++) {
                strides[i][d] = s.stride(d) * size;
            }
        }
        return coalesce(shape, strides, bases);
    }

    /** Drops size-1 dims and merges neighbours that are contiguous for every operand. */
    private static StridedLoop coalesce(long[] shape, long[][] strides, long[] bases) {
        int k = strides.length;
        long[] outShape = new long[shape.length];
        long[][] outStrides = new long[k][shape.length];
        int rank = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1) {
                continue;
            }
            if (rank > 0 && mergeable(outShape[rank - 1], outStrides, rank - 1, shape[d], strides, d)) {
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
        long[] finalShape = java.util.Arrays.copyOf(outShape, rank);
        long[][] finalStrides = new long[k][];
        for (int i = 0; i < k; i++) {
            finalStrides[i] = java.util.Arrays.copyOf(outStrides[i], rank);
        }
        return new StridedLoop(finalShape, finalStrides, bases);
    }

    private static boolean mergeable(long outerSize, long[][] outer, int od, long innerSize, long[][] inner, int id) {
        for (int i = 0; i < outer.length; i++) {
            if (outer[i][od] != inner[i][id] * innerSize) {
                return false;
            }
        }
        return true;
    }

    long numel() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    /** Runs the kernel over every element, split across threads when large. */
    void run(Parallel parallel, RowKernel kernel) {
        run(parallel, GRAIN, kernel);
    }

    /** As {@link #run(Parallel, RowKernel)} with a custom grain (elements per thread, at least). */
    void run(Parallel parallel, long grain, RowKernel kernel) {
        long n = numel();
        if (n == 0) {
            return;
        }
        parallel.forRange(n, grain, (start, end) -> runRange(start, end, kernel));
    }

    /** Runs the kernel over linear elements [start, end) on this thread. */
    void runRange(long start, long end, RowKernel kernel) {
        if (start >= end) {
            return;
        }
        int k = bases.length;
        int rank = shape.length;
        long[] addresses = new long[k];
        long[] inner = new long[k];
        if (rank == 0) {
            System.arraycopy(bases, 0, addresses, 0, k);
            kernel.row(addresses, inner, 1);
            return;
        }
        long innerSize = shape[rank - 1];
        for (int i = 0; i < k; i++) {
            inner[i] = byteStrides[i][rank - 1];
        }
        long[] index = new long[rank];
        long rest = start;
        for (int d = rank - 1; d >= 0; d--) {
            index[d] = rest % shape[d];
            rest /= shape[d];
        }
        long position = start;
        while (position < end) {
            for (int i = 0; i < k; i++) {
                long a = bases[i];
                for (int d = 0; d < rank; d++) {
                    a += index[d] * byteStrides[i][d];
                }
                addresses[i] = a;
            }
            long count = Math.min(innerSize - index[rank - 1], end - position);
            kernel.row(addresses, inner, count);
            position += count;
            index[rank - 1] += count;
            for (int d = rank - 1; d > 0 && index[d] == shape[d]; d--) {
                index[d] = 0;
                index[d - 1]++;
            }
        }
    }
}
