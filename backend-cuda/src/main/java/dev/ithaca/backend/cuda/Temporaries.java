package dev.ithaca.backend.cuda;

import dev.ithaca.spi.Backend;
import dev.ithaca.spi.Storage;
import dev.ithaca.spi.Strided;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Shapes;

/**
 * Scratch device tensors kernels need for a moment (packed operands, partial results). Releasing
 * one right after queuing the work that reads it is safe: its block can only be handed to work
 * queued later on the same stream.
 */
final class Temporaries {
    private final Backend backend;

    Temporaries(Backend backend) {
        this.backend = backend;
    }

    /** A new contiguous tensor; release its storage when done. */
    Strided contiguous(DType dtype, long[] shape) {
        long bytes = Math.multiplyExact(Shapes.numel(shape), (long) dtype.byteSize());
        return new Strided(backend.allocate(bytes), dtype, shape, Shapes.contiguousStrides(shape), 0);
    }

    /** A contiguous copy of {@code s} in {@code dtype}; release its storage when done. */
    Strided copyOf(Strided s, DType dtype) {
        Strided copy = contiguous(dtype, s.shape());
        try {
            backend.copy(s, copy);
        } catch (RuntimeException e) {
            copy.storage().release();
            throw e;
        }
        return copy;
    }

    /**
     * {@code x} copied so that the {@code dims} (sorted) come last in memory, seen in x's own dim order:
     * the reduced dims then coalesce into one. Release its storage when done.
     */
    Strided withDimsLast(Strided x, int[] dims) {
        int rank = x.rank();
        int[] order = new int[rank];
        boolean[] reduced = new boolean[rank];
        for (int d : dims) {
            reduced[d] = true;
        }
        int next = 0;
        for (int d = 0; d < rank; d++) {
            if (!reduced[d]) {
                order[next++] = d;
            }
        }
        for (int d : dims) {
            order[next++] = d;
        }
        long[] permutedShape = new long[rank];
        long[] permutedStrides = new long[rank];
        for (int p = 0; p < rank; p++) {
            permutedShape[p] = x.size(order[p]);
            permutedStrides[p] = x.stride(order[p]);
        }
        Strided packed = contiguous(x.dtype(), permutedShape);
        try {
            backend.copy(new Strided(x.storage(), x.dtype(), permutedShape, permutedStrides, x.offset()), packed);
        } catch (RuntimeException e) {
            packed.storage().release();
            throw e;
        }
        long[] strides = new long[rank];
        for (int p = 0; p < rank; p++) {
            strides[order[p]] = packed.stride(p);
        }
        return new Strided(packed.storage(), x.dtype(), x.shape(), strides, 0);
    }

    static void release(Strided s) {
        s.storage().release();
    }

    Storage allocate(long bytes) {
        return backend.allocate(bytes);
    }
}
