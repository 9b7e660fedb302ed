package dev.ithaca.backend.cpu;

import dev.ithaca.spi.Strided;
import dev.ithaca.tensor.DType;

import static dev.ithaca.backend.cpu.NativeMemory.U;

/** gather, indexSelect and scatterAdd; every index value is bounds-checked with a clear message. */
final class IndexingKernels {
    private final Parallel parallel;
    private final ElementwiseKernels elementwise;

    IndexingKernels(Parallel parallel, ElementwiseKernels elementwise) {
        this.parallel = parallel;
        this.elementwise = elementwise;
    }

    void gather(Strided x, int dim, Strided index, Strided out) {
        int size = x.dtype().byteSize();
        long limit = x.size(dim);
        long xDimStride = x.stride(dim) * size;
        // x viewed with index's shape and a zero stride on dim: the address of x[..., 0, ...] per position
        long[] xStrides = x.strides().clone();
        xStrides[dim] = 0;
        Strided xBase = new Strided(x.storage(), x.dtype(), index.shape(), xStrides, x.offset());
        StridedLoop.of(out, index, xBase).run(parallel, (addr, st, n) -> {
            for (long i = 0; i < n; i++) {
                long idx = checked("gather", U.getLong(addr[1] + i * st[1]), limit, dim);
                NativeMemory.copyElement(addr[2] + i * st[2] + idx * xDimStride, addr[0] + i * st[0], size);
            }
        });
    }

    void indexSelect(Strided x, int dim, Strided index, Strided out) {
        long limit = x.size(dim);
        long count = index.size(0);
        long indexBase = ElementwiseKernels.address(index);
        long indexStride = index.stride(0) * 8;
        for (long j = 0; j < count; j++) {
            long idx = checked("indexSelect", U.getLong(indexBase + j * indexStride), limit, dim);
            elementwise.copy(slice(x, dim, idx), slice(out, dim, j));
        }
    }

    /** Serial on purpose: different positions may add into the same target. */
    void scatterAdd(Strided out, int dim, Strided index, Strided src) {
        DType t = out.dtype();
        int size = t.byteSize();
        long limit = out.size(dim);
        long outDimStride = out.stride(dim) * size;
        long[] outStrides = out.strides().clone();
        outStrides[dim] = 0;
        Strided outBase = new Strided(out.storage(), t, index.shape(), outStrides, out.offset());
        StridedLoop.of(outBase, index, src).runRange(0, dev.ithaca.tensor.Shapes.numel(index.shape()), (addr, st, n) -> {
            for (long i = 0; i < n; i++) {
                long idx = checked("scatterAdd", U.getLong(addr[1] + i * st[1]), limit, dim);
                long target = addr[0] + i * st[0] + idx * outDimStride;
                long from = addr[2] + i * st[2];
                if (t.isFloatingPoint()) {
                    NativeMemory.put(t, target, NativeMemory.get(t, target) + NativeMemory.get(t, from));
                } else {
                    NativeMemory.putLong(t, target, NativeMemory.getLong(t, target) + NativeMemory.getLong(t, from));
                }
            }
        });
    }

    /** The slice of s at position {@code i} of {@code dim}, with that dim removed. */
    private static Strided slice(Strided s, int dim, long i) {
        long[] shape = new long[s.rank() - 1];
        long[] strides = new long[s.rank() - 1];
        for (int d = 0, j = 0; d < s.rank(); d++) {
            if (d != dim) {
                shape[j] = s.size(d);
                strides[j++] = s.stride(d);
            }
        }
        return new Strided(s.storage(), s.dtype(), shape, strides, s.offset() + i * s.stride(dim));
    }

    private static long checked(String op, long idx, long limit, int dim) {
        if (idx < 0 || idx >= limit) {
            throw new IllegalArgumentException(op + ": index " + idx + " is out of range for dim " + dim + " of size " + limit
                    + " (valid: 0 to " + (limit - 1) + ")");
        }
        return idx;
    }
}
