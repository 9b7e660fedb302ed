package dev.ithaca.spi;

import dev.ithaca.random.Distribution;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Device;
import dev.ithaca.tensor.Window2d;

/**
 * The kernels a backend implements. The tensor layer does every shape check, broadcast and
 * output allocation before calling in, so a kernel may assume valid, matching arguments:
 * inputs already broadcast to the output shape (stride 0 on expanded dimensions), outputs of
 * the documented shape and dtype. Inputs may be any strided view; outputs are freshly
 * allocated contiguous tensors unless a method says it writes in place.
 */
public interface Backend {

    /** The name users select it by ({@code cpu}, {@code cuda}). */
    String name();

    Device device();

    // ---- memory ------------------------------------------------------------------------------

    /** A new block of {@code bytes} bytes with one holder; contents are unspecified. */
    Storage allocate(long bytes);

    MemoryStats memoryStats();

    /** Returns cached free blocks to the system. */
    void emptyCache();

    /**
     * Copies a Java array into a contiguous destination. The array type matches the dtype:
     * {@code float[]} FLOAT32, {@code double[]} FLOAT64, {@code int[]} INT32, {@code long[]} INT64,
     * {@code boolean[]} BOOL.
     */
    void copyFromHost(Object array, Strided dst);

    /** Copies a contiguous source into a Java array of the matching type (see {@link #copyFromHost}). */
    void copyToHost(Strided src, Object array);

    /** Waits until all queued work on this backend has finished. */
    void synchronize();

    // ---- elementwise ---------------------------------------------------------------------------

    /** Writes {@code value} (converted to the dtype) into every element of a possibly strided view, in place. */
    void fill(Strided out, double value);

    /** Copies {@code src} into {@code dst} (same shape, any strides), converting the dtype; in place. */
    void copy(Strided src, Strided dst);

    /** {@code out = op(x)}; x and out have the same dtype (the tensor layer casts integers for float-only ops). */
    void unary(UnaryOp op, Strided x, Strided out);

    /** {@code out = min(max(x, min), max)}; NaN stays NaN. Either bound may be infinite. */
    void clamp(Strided x, double min, double max, Strided out);

    /**
     * {@code out = op(a, b)}. a and b share one dtype (already promoted) and the output shape;
     * out has that dtype, or BOOL for comparisons.
     */
    void binary(BinaryOp op, Strided a, Strided b, Strided out);

    /** {@code out = cond ? a : b}; cond is BOOL; all three broadcast to out's shape. */
    void where(Strided cond, Strided a, Strided b, Strided out);

    // ---- reductions ----------------------------------------------------------------------------

    /**
     * Reduces {@code dims} (sorted, distinct) of x; out has x's rank with size 1 on reduced dims.
     * SUM/PROD of BOOL/INT32 produce INT64 as in PyTorch; MEAN needs a floating dtype.
     */
    void reduce(ReduceOp op, Strided x, int[] dims, Strided out);

    /** Variance over {@code dims} with Bessel-style {@code correction} (1 = unbiased); out as in {@link #reduce}. */
    void variance(Strided x, int[] dims, double correction, Strided out);

    /** Index (INT64) of the first maximum ({@code max=true}) or minimum along {@code dim}; out has size 1 there. */
    void argReduce(boolean max, Strided x, int dim, Strided out);

    // ---- linear algebra and nn primitives ----------------------------------------------------

    /**
     * Batched matrix product: a is [..., M, K], b is [..., K, N], both already broadcast to out's
     * batch dims [..., M, N]; any strides.
     */
    void matmul(Strided a, Strided b, Strided out);

    /** (Log-)softmax of x along {@code dim}; out has x's shape. */
    void softmax(Strided x, int dim, boolean log, Strided out);

    /** {@code out[i][j][k] = x[i][index[i][j][k]][k]} for dim 1, and likewise for any dim; index is INT64. */
    void gather(Strided x, int dim, Strided index, Strided out);

    /** Selects slices of x along {@code dim} at the (1-D, INT64) indices. */
    void indexSelect(Strided x, int dim, Strided index, Strided out);

    /** In place: {@code out[index[i][j]][j] += src[i][j]} for dim 0, and likewise for any dim. */
    void scatterAdd(Strided out, int dim, Strided index, Strided src);

    /** image [N, C, H, W] to columns [N, C*kH*kW, outH*outW] (zero padding). */
    void im2col(Strided image, Window2d window, Strided columns);

    /** In place, accumulating: columns [N, C*kH*kW, L] are summed back into image [N, C, H, W]. */
    void col2im(Strided columns, Window2d window, Strided image);

    /**
     * Max pooling of x [N, C, H, W] into out [N, C, outH, outW]; {@code indices} (INT64, same shape)
     * receives the flat position {@code h*W + w} of each maximum within its (n, c) plane.
     */
    void maxPool2d(Strided x, Window2d window, Strided out, Strided indices);

    /** Average pooling; padded cells count in the divisor only when {@code countIncludePad}. */
    void avgPool2d(Strided x, Window2d window, boolean countIncludePad, Strided out);

    // ---- optimizers ----------------------------------------------------------------------------

    /**
     * Applies one fused optimizer update to one parameter tensor, in place and in a single pass over
     * memory: reads {@code param}, {@code grad} and {@code state}, writes {@code param} and
     * {@code state}. param, grad and every state tensor share one shape and one floating dtype
     * (FLOAT32 or FLOAT64) and may have any strides; {@code state} holds
     * {@link OptimizerUpdate#stateCount()} tensors in the order the update's record documents,
     * which also gives the per-element arithmetic and the hyperparameter layout. The caller (the
     * optimizer) bumps the storage versions.
     */
    void optimizerStep(OptimizerUpdate update, Strided param, Strided grad, Strided[] state);

    // ---- random ------------------------------------------------------------------------------

    /** Fills a contiguous out from the Philox stream (seed, offset) with the layout {@link Distribution} defines. */
    void random(Distribution distribution, long seed, long offset, Strided out);

    /** True when this backend can hold and compute with the dtype. */
    default boolean supports(DType dtype) {
        return true;
    }
}
