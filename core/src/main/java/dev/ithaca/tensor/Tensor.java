package dev.ithaca.tensor;

import dev.ithaca.autograd.BackwardEngine;
import dev.ithaca.autograd.GradMode;
import dev.ithaca.autograd.Node;
import dev.ithaca.memory.Scope;
import dev.ithaca.random.Generator;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.BackendUnavailableException;
import dev.ithaca.spi.Backends;
import dev.ithaca.spi.BinaryOp;
import dev.ithaca.spi.ReduceOp;
import dev.ithaca.spi.Storage;
import dev.ithaca.spi.Strided;
import dev.ithaca.spi.UnaryOp;

import java.util.Arrays;
import java.util.List;

/**
 * An n-dimensional array on a backend: a strided view of reference-counted off-heap storage.
 * Operations are methods that return new tensors and dispatch to the tensor's backend; views
 * (reshape, transpose, narrow, expand, ...) share storage instead of copying.
 *
 * <p>This class is the public surface only; the work is split by concern into
 * {@link TensorCreation}, {@link ViewOps}, {@link ElementwiseOps}, {@link ReductionOps},
 * {@link LinalgOps} and {@link IndexingOps}.
 *
 * <p>Memory: a tensor created while a {@link Scope} is open is freed when that scope closes
 * (unless detached); otherwise {@link #close()} frees it, and a {@link java.lang.ref.Cleaner}
 * frees forgotten ones as a safety net.
 */
public class Tensor implements AutoCloseable {
    private final Backend backend;
    private final Storage storage;
    private final DType dtype;
    private final long[] shape;
    private final long[] strides;
    private final long offset;
    private boolean closed;
    // autograd: a leaf has no gradFn; gradients of leaves that require them accumulate in grad
    private boolean requiresGrad;
    private Node gradFn;
    private Tensor grad;
    private AccumulateGrad accumulator;

    /** Wraps storage this tensor now holds (the caller passes its reference on). */
    Tensor(Backend backend, Storage storage, DType dtype, long[] shape, long[] strides, long offset) {
        this.backend = backend;
        this.storage = storage;
        this.dtype = dtype;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        Scope.track(this);
    }

    /**
     * A new holder of {@code base}'s storage and layout, with no history (for subclasses such as
     * named parameters). It belongs to no {@link Scope}: its creator owns it.
     */
    protected Tensor(Tensor base) {
        this(base.checkAlive("alias").backend, retained(base.storage), base.dtype, base.shape, base.strides, base.offset);
        Scope.untrack(this);
    }

    private static Storage retained(Storage storage) {
        storage.retain();
        return storage;
    }

    /** A fresh contiguous tensor with unspecified contents. */
    static Tensor empty(Backend backend, DType dtype, long[] shape) {
        long bytes = Math.multiplyExact(Shapes.numel(shape), (long) dtype.byteSize());
        return new Tensor(backend, backend.allocate(bytes), dtype, shape, Shapes.contiguousStrides(shape), 0);
    }

    /** Another view of this tensor's storage with a different layout. */
    Tensor view(long[] newShape, long[] newStrides, long newOffset) {
        storage.retain();
        return new Tensor(backend, storage, dtype, newShape, newStrides, newOffset);
    }

    // ---- creation ------------------------------------------------------------------------------

    /** FLOAT32 tensor of the values; shape defaults to one dimension of {@code data.length}. */
    public static Tensor of(float[] data, long... shape) {
        return TensorCreation.fromValues(Backends.current(), data, data.length, DType.FLOAT32, shape);
    }

    public static Tensor of(double[] data, long... shape) {
        return TensorCreation.fromValues(Backends.current(), data, data.length, DType.FLOAT64, shape);
    }

    public static Tensor of(int[] data, long... shape) {
        return TensorCreation.fromValues(Backends.current(), data, data.length, DType.INT32, shape);
    }

    public static Tensor of(long[] data, long... shape) {
        return TensorCreation.fromValues(Backends.current(), data, data.length, DType.INT64, shape);
    }

    public static Tensor of(boolean[] data, long... shape) {
        return TensorCreation.fromValues(Backends.current(), data, data.length, DType.BOOL, shape);
    }

    /** A 0-dimensional FLOAT32 tensor. */
    public static Tensor scalar(double value) {
        return scalar(value, DType.FLOAT32);
    }

    public static Tensor scalar(double value, DType dtype) {
        return full(dtype, value);
    }

    public static Tensor zeros(long... shape) {
        return full(DType.FLOAT32, 0, shape);
    }

    public static Tensor zeros(DType dtype, long... shape) {
        return full(dtype, 0, shape);
    }

    public static Tensor ones(long... shape) {
        return full(DType.FLOAT32, 1, shape);
    }

    public static Tensor ones(DType dtype, long... shape) {
        return full(dtype, 1, shape);
    }

    public static Tensor full(double value, long... shape) {
        return full(DType.FLOAT32, value, shape);
    }

    public static Tensor full(DType dtype, double value, long... shape) {
        return TensorCreation.full(Backends.current(), dtype, value, shape);
    }

    public static Tensor zerosLike(Tensor t) {
        return TensorCreation.full(t.backend, t.dtype, 0, t.shape);
    }

    public static Tensor onesLike(Tensor t) {
        return TensorCreation.full(t.backend, t.dtype, 1, t.shape);
    }

    /** INT64 values 0, 1, ..., end-1. */
    public static Tensor arange(long end) {
        return arange(0, end, 1);
    }

    /** INT64 values start, start+step, ... below end (above it for a negative step). */
    public static Tensor arange(long start, long end, long step) {
        return TensorCreation.arange(Backends.current(), start, end, step);
    }

    /** FLOAT32 values start, start+step, ... below end, as {@code torch.arange} with float arguments. */
    public static Tensor arange(double start, double end, double step) {
        return TensorCreation.arange(Backends.current(), start, end, step);
    }

    /** FLOAT32 identity matrix [n, n]. */
    public static Tensor eye(long n) {
        return eye(n, n);
    }

    public static Tensor eye(long rows, long cols) {
        return TensorCreation.eye(Backends.current(), rows, cols);
    }

    /** FLOAT32 uniform in [0, 1) from the generator's Philox stream. */
    public static Tensor rand(Generator generator, long... shape) {
        return uniform(generator, 0, 1, DType.FLOAT32, shape);
    }

    /** FLOAT32 uniform in [0, 1) from a fresh generator with this seed. */
    public static Tensor rand(long seed, long... shape) {
        return rand(new Generator(seed), shape);
    }

    /** FLOAT32 standard normal from the generator's Philox stream. */
    public static Tensor randn(Generator generator, long... shape) {
        return normal(generator, 0, 1, DType.FLOAT32, shape);
    }

    public static Tensor randn(long seed, long... shape) {
        return randn(new Generator(seed), shape);
    }

    /** INT64 integers uniform in [low, high). */
    public static Tensor randint(Generator generator, long low, long high, long... shape) {
        return TensorCreation.random(Backends.current(), generator,
                new dev.ithaca.random.Distribution.Integers(low, high), DType.INT64, shape);
    }

    public static Tensor uniform(Generator generator, double low, double high, DType dtype, long... shape) {
        return TensorCreation.random(Backends.current(), generator,
                new dev.ithaca.random.Distribution.Uniform(low, high), dtype, shape);
    }

    public static Tensor normal(Generator generator, double mean, double std, DType dtype, long... shape) {
        return TensorCreation.random(Backends.current(), generator,
                new dev.ithaca.random.Distribution.Normal(mean, std), dtype, shape);
    }

    /** Joins tensors along an existing dimension; all other sizes must match. */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        return ViewOps.cat(tensors, dim);
    }

    /** Joins tensors of one shape along a new dimension. */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        return ViewOps.stack(tensors, dim);
    }

    /** {@code cond ? a : b} elementwise, with broadcasting; cond must be BOOL. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        return ElementwiseOps.where(cond, a, b);
    }

    // ---- properties ----------------------------------------------------------------------------

    public long[] shape() {
        return shape.clone();
    }

    /** Size of one dimension; negative dims count from the end. */
    public long size(int dim) {
        if (shape.length == 0) {
            // normalizeDim lets reductions name dim 0 or -1 of a scalar, but there is no size to read
            throw new IllegalArgumentException("size: a 0-dimensional tensor has no dimension " + dim);
        }
        return shape[Shapes.normalizeDim("size", dim, shape.length)];
    }

    /** Number of dimensions (0 for a scalar). */
    public int dim() {
        return shape.length;
    }

    public long numel() {
        return Shapes.numel(shape);
    }

    public DType dtype() {
        return dtype;
    }

    public Backend backend() {
        return backend;
    }

    public Device device() {
        return backend.device();
    }

    /** Strides in elements. */
    public long[] strides() {
        return strides.clone();
    }

    /** Offset of element 0 in the storage, in elements. */
    public long storageOffset() {
        return offset;
    }

    public boolean isContiguous() {
        return strided().isContiguous();
    }

    public boolean isClosed() {
        return closed;
    }

    /** The kernel-level description of this tensor, for backend implementations. */
    public Strided strided() {
        checkAlive("strided");
        return new Strided(storage, dtype, shape, strides, offset);
    }

    // ---- host access ---------------------------------------------------------------------------

    public float[] toFloatArray() {
        return (float[]) TensorCreation.toArray(this, DType.FLOAT32);
    }

    public double[] toDoubleArray() {
        return (double[]) TensorCreation.toArray(this, DType.FLOAT64);
    }

    public int[] toIntArray() {
        return (int[]) TensorCreation.toArray(this, DType.INT32);
    }

    public long[] toLongArray() {
        return (long[]) TensorCreation.toArray(this, DType.INT64);
    }

    public boolean[] toBooleanArray() {
        return (boolean[]) TensorCreation.toArray(this, DType.BOOL);
    }

    /** The single value of a one-element tensor. */
    public double item() {
        if (numel() != 1) {
            throw new IllegalArgumentException("item: needs a tensor with exactly one element, got shape " + Shapes.format(shape));
        }
        return toDoubleArray()[0];
    }

    // ---- views and layout ----------------------------------------------------------------------

    /** Same data, new shape, no copy; fails when the strides cannot express it (use {@link #reshape}). One size may be -1. */
    public Tensor view(long... newShape) {
        return ViewOps.view(this, newShape);
    }

    /** Same data, new shape; a view when possible, else a contiguous copy. One size may be -1. */
    public Tensor reshape(long... newShape) {
        return ViewOps.reshape(this, newShape);
    }

    public Tensor transpose(int dim0, int dim1) {
        return ViewOps.transpose(this, dim0, dim1);
    }

    /** Transpose of a matrix (rank 0 and 1 are returned unchanged, as in PyTorch). */
    public Tensor t() {
        return ViewOps.t(this);
    }

    public Tensor permute(int... dims) {
        return ViewOps.permute(this, dims);
    }

    /** {@code length} elements of {@code dim} starting at {@code start}. */
    public Tensor narrow(int dim, long start, long length) {
        return ViewOps.narrow(this, dim, start, length);
    }

    /** Python-style slice {@code [start:end:step]} of one dim; negative and out-of-range bounds are clamped. */
    public Tensor slice(int dim, long start, long end, long step) {
        return ViewOps.slice(this, dim, start, end, step);
    }

    /** Index {@code index} of {@code dim}, removing that dim. */
    public Tensor select(int dim, long index) {
        return ViewOps.select(this, dim, index);
    }

    /** Broadcast view to a larger shape; -1 keeps a size. */
    public Tensor expand(long... sizes) {
        return ViewOps.expand(this, sizes);
    }

    public Tensor expandAs(Tensor other) {
        return expand(other.shape);
    }

    /** Removes every size-1 dim. */
    public Tensor squeeze() {
        return ViewOps.squeeze(this);
    }

    /** Removes {@code dim} if its size is 1; otherwise returns the same layout. */
    public Tensor squeeze(int dim) {
        return ViewOps.squeeze(this, dim);
    }

    public Tensor unsqueeze(int dim) {
        return ViewOps.unsqueeze(this, dim);
    }

    public Tensor flatten() {
        return reshape(-1);
    }

    /** Merges dims {@code startDim..endDim} into one. */
    public Tensor flatten(int startDim, int endDim) {
        return ViewOps.flatten(this, startDim, endDim);
    }

    /** This tensor if already contiguous (as a new handle), else a contiguous copy. */
    public Tensor contiguous() {
        return isContiguous() ? alias() : clone();
    }

    /** A new handle on the same storage and layout. */
    public Tensor alias() {
        checkAlive("alias");
        return ViewGrads.identity(this, view(shape, strides, offset), "AliasBackward");
    }

    /** A contiguous copy with its own storage. */
    @Override
    public Tensor clone() {
        return ElementwiseOps.cast(this, dtype, true);
    }

    /** Converts the element type (a new handle when it already matches). */
    public Tensor to(DType target) {
        return ElementwiseOps.cast(this, target, false);
    }

    /** Copies to another backend (a new handle when already there). */
    public Tensor to(Backend target) {
        return TensorCreation.transfer(this, target);
    }

    /** Copies to the backend serving {@code device}. */
    public Tensor to(Device target) {
        if (target.equals(device())) {
            return alias();
        }
        Backend destination;
        try {
            destination = Backends.get(target.type());
        } catch (BackendUnavailableException e) {
            throw new BackendUnavailableException("to(" + target + "): " + e.getMessage(), e);
        }
        if (!destination.device().equals(target)) {
            throw new IllegalArgumentException("to(" + target + "): backend '" + target.type() + "' serves only "
                    + destination.device() + "; use that device");
        }
        return to(destination);
    }

    // ---- in place ------------------------------------------------------------------------------

    /** Sets every element to {@code value}, in place; returns this tensor. */
    public Tensor fill(double value) {
        checkInPlace("fill");
        backend.fill(strided(), value);
        storage.bumpVersion();
        return this;
    }

    /** Copies {@code src} (broadcast to this shape, converted to this dtype) into this tensor, in place. */
    public Tensor copyFrom(Tensor src) {
        ElementwiseOps.copyInto(src, this);
        return this;
    }

    // ---- elementwise ---------------------------------------------------------------------------

    public Tensor add(Tensor other) {
        return ElementwiseOps.binary(BinaryOp.ADD, this, other);
    }

    public Tensor add(double scalar) {
        return ElementwiseOps.binary(BinaryOp.ADD, this, scalar);
    }

    public Tensor sub(Tensor other) {
        return ElementwiseOps.binary(BinaryOp.SUB, this, other);
    }

    public Tensor sub(double scalar) {
        return ElementwiseOps.binary(BinaryOp.SUB, this, scalar);
    }

    public Tensor mul(Tensor other) {
        return ElementwiseOps.binary(BinaryOp.MUL, this, other);
    }

    public Tensor mul(double scalar) {
        return ElementwiseOps.binary(BinaryOp.MUL, this, scalar);
    }

    public Tensor div(Tensor other) {
        return ElementwiseOps.binary(BinaryOp.DIV, this, other);
    }

    public Tensor div(double scalar) {
        return ElementwiseOps.binary(BinaryOp.DIV, this, scalar);
    }

    public Tensor pow(Tensor exponent) {
        return ElementwiseOps.binary(BinaryOp.POW, this, exponent);
    }

    public Tensor pow(double exponent) {
        return ElementwiseOps.binary(BinaryOp.POW, this, exponent);
    }

    public Tensor maximum(Tensor other) {
        return ElementwiseOps.binary(BinaryOp.MAXIMUM, this, other);
    }

    public Tensor minimum(Tensor other) {
        return ElementwiseOps.binary(BinaryOp.MINIMUM, this, other);
    }

    public Tensor neg() {
        return ElementwiseOps.unary(UnaryOp.NEG, this);
    }

    public Tensor abs() {
        return ElementwiseOps.unary(UnaryOp.ABS, this);
    }

    public Tensor exp() {
        return ElementwiseOps.unary(UnaryOp.EXP, this);
    }

    public Tensor log() {
        return ElementwiseOps.unary(UnaryOp.LOG, this);
    }

    public Tensor sqrt() {
        return ElementwiseOps.unary(UnaryOp.SQRT, this);
    }

    public Tensor rsqrt() {
        return ElementwiseOps.unary(UnaryOp.RSQRT, this);
    }

    public Tensor tanh() {
        return ElementwiseOps.unary(UnaryOp.TANH, this);
    }

    public Tensor sigmoid() {
        return ElementwiseOps.unary(UnaryOp.SIGMOID, this);
    }

    public Tensor relu() {
        return ElementwiseOps.unary(UnaryOp.RELU, this);
    }

    /** GELU with the exact normal CDF (PyTorch's default). */
    public Tensor gelu() {
        return ElementwiseOps.unary(UnaryOp.GELU, this);
    }

    /** GELU with the tanh approximation ({@code approximate='tanh'}). */
    public Tensor geluTanh() {
        return ElementwiseOps.unary(UnaryOp.GELU_TANH, this);
    }

    public Tensor silu() {
        return ElementwiseOps.unary(UnaryOp.SILU, this);
    }

    public Tensor sign() {
        return ElementwiseOps.unary(UnaryOp.SIGN, this);
    }

    public Tensor reciprocal() {
        return ElementwiseOps.unary(UnaryOp.RECIPROCAL, this);
    }

    public Tensor square() {
        return ElementwiseOps.unary(UnaryOp.SQUARE, this);
    }

    /** Limits values to [min, max]; use infinities for a one-sided clamp. */
    public Tensor clamp(double min, double max) {
        return ElementwiseOps.clamp(this, min, max);
    }

    public Tensor clampMin(double min) {
        return clamp(min, Double.POSITIVE_INFINITY);
    }

    public Tensor clampMax(double max) {
        return clamp(Double.NEGATIVE_INFINITY, max);
    }

    // ---- comparisons (BOOL results) ----------------------------------------------------------

    public Tensor eq(Tensor other) {
        return ElementwiseOps.binary(BinaryOp.EQ, this, other);
    }

    public Tensor eq(double scalar) {
        return ElementwiseOps.binary(BinaryOp.EQ, this, scalar);
    }

    public Tensor ne(Tensor other) {
        return ElementwiseOps.binary(BinaryOp.NE, this, other);
    }

    public Tensor ne(double scalar) {
        return ElementwiseOps.binary(BinaryOp.NE, this, scalar);
    }

    public Tensor lt(Tensor other) {
        return ElementwiseOps.binary(BinaryOp.LT, this, other);
    }

    public Tensor lt(double scalar) {
        return ElementwiseOps.binary(BinaryOp.LT, this, scalar);
    }

    public Tensor le(Tensor other) {
        return ElementwiseOps.binary(BinaryOp.LE, this, other);
    }

    public Tensor le(double scalar) {
        return ElementwiseOps.binary(BinaryOp.LE, this, scalar);
    }

    public Tensor gt(Tensor other) {
        return ElementwiseOps.binary(BinaryOp.GT, this, other);
    }

    public Tensor gt(double scalar) {
        return ElementwiseOps.binary(BinaryOp.GT, this, scalar);
    }

    public Tensor ge(Tensor other) {
        return ElementwiseOps.binary(BinaryOp.GE, this, other);
    }

    public Tensor ge(double scalar) {
        return ElementwiseOps.binary(BinaryOp.GE, this, scalar);
    }

    // ---- reductions ----------------------------------------------------------------------------

    /** Sum of all elements (0-dim). Integer and BOOL sums are INT64. */
    public Tensor sum() {
        return ReductionOps.reduce(ReduceOp.SUM, this, new int[0], false);
    }

    public Tensor sum(int dim) {
        return sum(new int[] {dim}, false);
    }

    public Tensor sum(int dim, boolean keepDim) {
        return sum(new int[] {dim}, keepDim);
    }

    public Tensor sum(int[] dims, boolean keepDim) {
        return ReductionOps.reduce(ReduceOp.SUM, this, dims, keepDim);
    }

    public Tensor mean() {
        return ReductionOps.reduce(ReduceOp.MEAN, this, new int[0], false);
    }

    public Tensor mean(int dim) {
        return mean(new int[] {dim}, false);
    }

    public Tensor mean(int dim, boolean keepDim) {
        return mean(new int[] {dim}, keepDim);
    }

    public Tensor mean(int[] dims, boolean keepDim) {
        return ReductionOps.reduce(ReduceOp.MEAN, this, dims, keepDim);
    }

    public Tensor prod() {
        return ReductionOps.reduce(ReduceOp.PROD, this, new int[0], false);
    }

    public Tensor prod(int dim, boolean keepDim) {
        return ReductionOps.reduce(ReduceOp.PROD, this, new int[] {dim}, keepDim);
    }

    public Tensor prod(int[] dims, boolean keepDim) {
        return ReductionOps.reduce(ReduceOp.PROD, this, dims, keepDim);
    }

    /** Largest element (0-dim); fails on an empty tensor. */
    public Tensor max() {
        return ReductionOps.reduce(ReduceOp.MAX, this, new int[0], false);
    }

    public Tensor max(int dim, boolean keepDim) {
        return ReductionOps.reduce(ReduceOp.MAX, this, new int[] {dim}, keepDim);
    }

    public Tensor max(int[] dims, boolean keepDim) {
        return ReductionOps.reduce(ReduceOp.MAX, this, dims, keepDim);
    }

    public Tensor min() {
        return ReductionOps.reduce(ReduceOp.MIN, this, new int[0], false);
    }

    public Tensor min(int dim, boolean keepDim) {
        return ReductionOps.reduce(ReduceOp.MIN, this, new int[] {dim}, keepDim);
    }

    public Tensor min(int[] dims, boolean keepDim) {
        return ReductionOps.reduce(ReduceOp.MIN, this, dims, keepDim);
    }

    /** Unbiased variance of all elements (0-dim), as {@code torch.var}. */
    public Tensor var() {
        return var(new int[0], 1, false);
    }

    public Tensor var(int dim, boolean keepDim) {
        return var(new int[] {dim}, 1, keepDim);
    }

    /** Variance with {@code correction} (0 = population, 1 = unbiased) over {@code dims} (empty = all). */
    public Tensor var(int[] dims, double correction, boolean keepDim) {
        return ReductionOps.variance(this, dims, correction, keepDim);
    }

    /** Flat index (INT64, 0-dim) of the first maximum. */
    public Tensor argmax() {
        return ReductionOps.argReduce(true, this, null, false);
    }

    public Tensor argmax(int dim, boolean keepDim) {
        return ReductionOps.argReduce(true, this, dim, keepDim);
    }

    public Tensor argmin() {
        return ReductionOps.argReduce(false, this, null, false);
    }

    public Tensor argmin(int dim, boolean keepDim) {
        return ReductionOps.argReduce(false, this, dim, keepDim);
    }

    // ---- linear algebra and nn primitives ----------------------------------------------------

    /** {@code torch.matmul}: 1-D, 2-D and batched with broadcast batch dims. */
    public Tensor matmul(Tensor other) {
        return LinalgOps.matmul(this, other);
    }

    public Tensor softmax(int dim) {
        return LinalgOps.softmax(this, dim, false);
    }

    public Tensor logSoftmax(int dim) {
        return LinalgOps.softmax(this, dim, true);
    }

    /** {@code torch.gather}: picks along {@code dim} at {@code index} (INT64, same rank). */
    public Tensor gather(int dim, Tensor index) {
        return IndexingOps.gather(this, dim, index);
    }

    /** Slices along {@code dim} at a 1-D integer index. */
    public Tensor indexSelect(int dim, Tensor index) {
        return IndexingOps.indexSelect(this, dim, index);
    }

    /** {@code torch.scatter_add}: a copy of this with {@code src} added at {@code index} along {@code dim}. */
    public Tensor scatterAdd(int dim, Tensor index, Tensor src) {
        return IndexingOps.scatterAdd(this, dim, index, src);
    }

    /** [N, C, H, W] to sliding-window columns [N, C*kH*kW, outH*outW]. */
    public Tensor im2col(Window2d window) {
        return LinalgOps.im2col(this, window);
    }

    /** Columns [N, C*kH*kW, L] summed back into an image [N, C, height, width]. */
    public Tensor col2im(Window2d window, long height, long width) {
        return LinalgOps.col2im(this, window, height, width);
    }

    public Tensor maxPool2d(Window2d window) {
        try (MaxPoolResult result = LinalgOps.maxPool2d(this, window)) {
            return result.values().alias();
        }
    }

    /** Max pooling that also returns where each maximum came from (flat {@code h*W + w} per plane). */
    public MaxPoolResult maxPool2dWithIndices(Window2d window) {
        return LinalgOps.maxPool2d(this, window);
    }

    public Tensor avgPool2d(Window2d window, boolean countIncludePad) {
        return LinalgOps.avgPool2d(this, window, countIncludePad);
    }

    // ---- autograd ------------------------------------------------------------------------------

    /** True when gradients flow to or through this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf as needing gradients (as {@code requires_grad_()}); returns this tensor. */
    public Tensor requiresGrad(boolean value) {
        checkAlive("requiresGrad");
        if (gradFn != null) {
            throw new IllegalArgumentException("requiresGrad: only leaf tensors can change it; this one was computed by "
                    + gradFn.name() + " (use detach() to get a leaf)");
        }
        if (value && !dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("requiresGrad: only floating-point tensors can require gradients, got " + dtype);
        }
        requiresGrad = value;
        return this;
    }

    /** True for tensors not computed by a recorded op (user-created tensors, parameters, detached results). */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /** The op that produced this tensor, or null for a leaf. */
    public Node gradFn() {
        return gradFn;
    }

    /** Accumulated gradient of a leaf, or null before any backward (or after {@link #zeroGrad()}). */
    public Tensor grad() {
        return grad;
    }

    /** Replaces the gradient (null clears it); the tensor keeps its own handle on {@code value}'s storage. */
    public void setGrad(Tensor value) {
        checkAlive("setGrad");
        if (value != null && (!Arrays.equals(value.shape, shape) || value.dtype != dtype || value.backend != backend)) {
            throw new IllegalArgumentException("setGrad: gradient " + value.describe() + " must match the tensor " + describe());
        }
        Tensor previous = grad;
        grad = value == null ? null : owned(value.alias());
        if (previous != null) {
            previous.close();
        }
    }

    /** Drops the gradient (PyTorch's default {@code set_to_none=True}). */
    public void zeroGrad() {
        setGrad(null);
    }

    /** Backpropagates from a one-element tensor (a loss), as {@code loss.backward()}. */
    public void backward() {
        checkAlive("backward");
        if (numel() != 1) {
            throw new IllegalArgumentException("backward: without an explicit gradient the tensor must have one element"
                    + " (a scalar loss), got shape " + Arrays.toString(shape) + "; pass backward(gradient)");
        }
        try (Tensor seed = TensorCreation.full(backend, dtype, 1, shape)) {
            backward(seed);
        }
    }

    /** Backpropagates with {@code gradient} (same shape) as the gradient of this tensor. */
    public void backward(Tensor gradient) {
        checkAlive("backward");
        Node root = gradEdge();
        if (root == null) {
            throw new IllegalStateException("backward: tensor " + describe() + " does not require grad and has no gradFn;"
                    + " mark its inputs with requiresGrad(true) before computing it");
        }
        if (!Arrays.equals(gradient.shape, shape)) {
            throw new IllegalArgumentException("backward: gradient shape " + Arrays.toString(gradient.shape)
                    + " must match the tensor's shape " + Arrays.toString(shape));
        }
        try (GradientAdoption ignored = GradientAdoption.begin(gradient)) {
            BackwardEngine.run(root, gradient);
        }
    }

    /** Same data, no history: a leaf that does not require grad (as {@code detach()}). */
    public Tensor detach() {
        checkAlive("detach");
        return view(shape, strides, offset);
    }

    /** Where gradients for this tensor go: its gradFn, its accumulator if it is a leaf needing grad, else null. */
    Node gradEdge() {
        if (gradFn != null) {
            return gradFn;
        }
        if (!requiresGrad) {
            return null;
        }
        if (accumulator == null) {
            accumulator = new AccumulateGrad(this);
        }
        return accumulator;
    }

    /** Attaches the op that produced this tensor (called once, by the op, right after creating it). */
    void setHistory(Node node) {
        gradFn = node;
        requiresGrad = true;
    }

    /**
     * Adds into {@link #grad}. The first gradient becomes the leaf's own: kept as is when nothing else
     * can reach its memory ({@link GradientAdoption}), else copied into contiguous memory.
     */
    void accumulateGrad(Tensor incoming) {
        if (grad == null) {
            Tensor own = GradientAdoption.mayKeep(incoming, dtype) ? incoming.alias()
                    : incoming.dtype == dtype ? incoming.clone() : incoming.to(dtype);
            grad = owned(own);
        } else {
            Tensor sum = grad.add(incoming);
            grad.copyFrom(sum);
            sum.close();
        }
    }

    /** Takes a tensor out of the current scopes, so this tensor alone decides when it is freed. */
    private static Tensor owned(Tensor t) {
        Scope.untrack(t);
        return t;
    }

    /** True when an op on these inputs must record its backward. */
    static boolean needsGrad(Tensor... inputs) {
        if (!GradMode.isEnabled()) {
            return false;
        }
        for (Tensor t : inputs) {
            if (t.requiresGrad) {
                return true;
            }
        }
        return false;
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    /** Releases this handle's hold on the storage; idempotent. Using a closed tensor is an error. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            storage.release();
            if (grad != null) {
                grad.close();
                grad = null;
            }
        }
    }

    /**
     * In-place writes are refused on tensors autograd tracks (they would corrupt the recorded
     * history); inside {@link dev.ithaca.autograd.NoGrad} they are allowed, as in PyTorch.
     */
    void checkInPlace(String op) {
        checkAlive(op);
        if (requiresGrad && GradMode.isEnabled()) {
            throw new IllegalStateException(op + ": in-place write into " + describe() + ", which requires grad;"
                    + " do it inside NoGrad (e.g. a parameter update) or on a detached copy");
        }
    }

    /** Records that this tensor's memory was written in place (see {@link Storage#version()}). */
    void markWritten() {
        storage.bumpVersion();
    }

    /** Throws a clear error when this tensor was already freed; returns it otherwise. */
    Tensor checkAlive(String op) {
        if (closed) {
            throw new IllegalStateException(op + ": tensor " + describe() + " was already freed (closed, or its Scope ended);"
                    + " keep it with scope.detach(tensor)");
        }
        return this;
    }

    /** Shape, dtype and device, e.g. {@code FLOAT32[2, 3] on cpu}. */
    public String describe() {
        return dtype + Arrays.toString(shape) + " on " + backend.device();
    }

    @Override
    public String toString() {
        return TensorFormatter.format(this);
    }
}
