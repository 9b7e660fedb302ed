package dev.ithaca.benchmarks;

import dev.ithaca.spi.Backend;
import dev.ithaca.spi.BinaryOp;
import dev.ithaca.spi.ReduceOp;
import dev.ithaca.spi.Storage;
import dev.ithaca.spi.Strided;
import dev.ithaca.spi.UnaryOp;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Shapes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Backend kernels called straight on {@link Strided} views, with no Tensor, no tape and no checks:
 * what a hand-written training step does. Every buffer it allocates is freed when it closes, so
 * one instance per step plays the part of a Scope. Views are made here by arithmetic on strides.
 */
final class RawKernels implements AutoCloseable {
    private final Backend backend;
    private final List<Storage> allocated = new ArrayList<>();

    RawKernels(Backend backend) {
        this.backend = backend;
    }

    // ---- buffers -------------------------------------------------------------------------------

    Strided empty(DType dtype, long... shape) {
        Storage storage = backend.allocate(Shapes.numel(shape) * dtype.byteSize());
        allocated.add(storage);
        return new Strided(storage, dtype, shape, Shapes.contiguousStrides(shape), 0);
    }

    Strided empty(long... shape) {
        return empty(DType.FLOAT32, shape);
    }

    Strided full(double value, long... shape) {
        Strided out = empty(shape);
        backend.fill(out, value);
        return out;
    }

    /** A buffer holding a Java array of the dtype's type ({@code boolean[]} for BOOL, ...). */
    Strided fromHost(Object values, DType dtype, long... shape) {
        Strided out = empty(dtype, shape);
        backend.copyFromHost(values, out);
        return out;
    }

    float[] toHost(Strided contiguous) {
        float[] values = new float[(int) contiguous.numel()];
        backend.copyToHost(contiguous, values);
        return values;
    }

    // ---- kernels (each returns a fresh contiguous output) ------------------------------------

    /** a [..., M, K] @ b [..., K, N] with equal batch dims. */
    Strided matmul(Strided a, Strided b) {
        long[] shape = a.shape();
        shape[shape.length - 1] = b.size(b.rank() - 1);
        Strided out = empty(shape);
        backend.matmul(a, b, out);
        return out;
    }

    /** op(a, b) with NumPy broadcasting; comparisons give BOOL. */
    Strided binary(BinaryOp op, Strided a, Strided b) {
        long[] shape = Shapes.broadcast("raw", a.shape(), b.shape());
        Strided out = empty(op.isComparison() ? DType.BOOL : a.dtype(), shape);
        backend.binary(op, expand(a, shape), expand(b, shape), out);
        return out;
    }

    Strided unary(UnaryOp op, Strided x) {
        Strided out = empty(x.shape());
        backend.unary(op, x, out);
        return out;
    }

    Strided where(Strided cond, Strided a, Strided b) {
        long[] shape = Shapes.broadcast("raw", Shapes.broadcast("raw", cond.shape(), a.shape()), b.shape());
        Strided out = empty(shape);
        backend.where(expand(cond, shape), expand(a, shape), expand(b, shape), out);
        return out;
    }

    /** Reduces {@code dims} (sorted), keeping them as size 1. */
    Strided reduce(ReduceOp op, Strided x, int... dims) {
        long[] shape = x.shape();
        for (int d : dims) {
            shape[d] = 1;
        }
        Strided out = empty(shape);
        backend.reduce(op, x, dims, out);
        return out;
    }

    Strided sum(Strided x, int... dims) {
        return reduce(ReduceOp.SUM, x, dims);
    }

    Strided softmax(Strided x, int dim, boolean log) {
        Strided out = empty(x.shape());
        backend.softmax(x, dim, log, out);
        return out;
    }

    Strided gather(Strided x, int dim, Strided index) {
        Strided out = empty(index.shape());
        backend.gather(x, dim, index, out);
        return out;
    }

    /** In place: {@code out[index] += src} along {@code dim}. */
    void scatterAdd(Strided out, int dim, Strided index, Strided src) {
        backend.scatterAdd(out, dim, index, src);
    }

    /** A contiguous copy of any view. */
    Strided contiguous(Strided x) {
        Strided out = empty(x.shape());
        backend.copy(x, out);
        return out;
    }

    /** In place: copies {@code src} into the view {@code dst}. */
    void copyInto(Strided src, Strided dst) {
        backend.copy(src, dst);
    }

    // ---- views ---------------------------------------------------------------------------------

    /** Broadcast view (NumPy rules, stride 0 on new or size-1 dims); the same view when the shape matches. */
    static Strided expand(Strided x, long[] shape) {
        if (Arrays.equals(x.shape(), shape)) {
            return x;
        }
        long[] strides = new long[shape.length];
        int lead = shape.length - x.rank();
        for (int d = lead; d < shape.length; d++) {
            strides[d] = x.size(d - lead) == shape[d] ? x.stride(d - lead) : 0;
        }
        return new Strided(x.storage(), x.dtype(), shape, strides, x.offset());
    }

    static Strided transpose(Strided x, int d0, int d1) {
        long[] shape = x.shape();
        long[] strides = x.strides();
        swap(shape, d0, d1);
        swap(strides, d0, d1);
        return new Strided(x.storage(), x.dtype(), shape, strides, x.offset());
    }

    /** The last two dims swapped. */
    static Strided t(Strided x) {
        return transpose(x, x.rank() - 2, x.rank() - 1);
    }

    static Strided narrow(Strided x, int dim, long start, long length) {
        long[] shape = x.shape();
        shape[dim] = length;
        return new Strided(x.storage(), x.dtype(), shape, x.strides(), x.offset() + start * x.stride(dim));
    }

    /** The last dim split into {@code [outer, inner]}, a view. */
    static Strided splitLast(Strided x, long outer, long inner) {
        int last = x.rank() - 1;
        long[] shape = Arrays.copyOf(x.shape(), x.rank() + 1);
        long[] strides = Arrays.copyOf(x.strides(), x.rank() + 1);
        shape[last] = outer;
        shape[last + 1] = inner;
        strides[last] = inner * x.stride(last);
        strides[last + 1] = x.stride(last);
        return new Strided(x.storage(), x.dtype(), shape, strides, x.offset());
    }

    /** A new shape over a contiguous buffer. */
    static Strided view(Strided contiguous, long... shape) {
        if (!contiguous.isContiguous() || Shapes.numel(shape) != contiguous.numel()) {
            throw new IllegalArgumentException("view " + Arrays.toString(shape) + " of " + contiguous);
        }
        return new Strided(contiguous.storage(), contiguous.dtype(), shape, Shapes.contiguousStrides(shape), contiguous.offset());
    }

    private static void swap(long[] a, int i, int j) {
        long tmp = a[i];
        a[i] = a[j];
        a[j] = tmp;
    }

    /** Frees every buffer this instance allocated. */
    @Override
    public void close() {
        allocated.forEach(Storage::release);
        allocated.clear();
    }
}
