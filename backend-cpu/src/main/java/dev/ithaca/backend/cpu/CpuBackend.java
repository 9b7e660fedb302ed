package dev.ithaca.backend.cpu;

import dev.ithaca.random.Distribution;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.BinaryOp;
import dev.ithaca.spi.MemoryStats;
import dev.ithaca.spi.OptimizerUpdate;
import dev.ithaca.spi.ReduceOp;
import dev.ithaca.spi.Storage;
import dev.ithaca.spi.Strided;
import dev.ithaca.spi.UnaryOp;
import dev.ithaca.tensor.Device;
import dev.ithaca.tensor.Window2d;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CPU backend: off-heap storage from a caching allocator, gemm through OpenBLAS on that
 * memory, and Java kernels that split large tensors across a fixed pool (small ones stay on the
 * caller's thread). OpenBLAS is told to use the same number of threads as the pool.
 */
public final class CpuBackend implements Backend, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CpuBackend.class);

    private final CachingAllocator allocator;
    private final Parallel parallel;
    private final ElementwiseKernels elementwise;
    private final ReductionKernels reductions;
    private final MatmulKernel matmul;
    private final SoftmaxKernel softmax;
    private final IndexingKernels indexing;
    private final WindowKernels windows;
    private final RandomKernel random;
    private final OptimizerKernels optimizers;

    /**
     * @param threads        worker threads for kernels and OpenBLAS (>= 1)
     * @param maxCachedBytes most freed bytes the allocator keeps for reuse (>= 0)
     */
    public CpuBackend(int threads, long maxCachedBytes) {
        if (threads < 1) {
            throw new IllegalArgumentException("CpuBackend threads must be >= 1, got " + threads);
        }
        if (maxCachedBytes < 0) {
            throw new IllegalArgumentException("CpuBackend maxCachedBytes must be >= 0, got " + maxCachedBytes);
        }
        OpenBlas.setThreads(threads);
        this.allocator = new CachingAllocator(maxCachedBytes);
        this.parallel = new Parallel(threads);
        this.elementwise = new ElementwiseKernels(parallel);
        this.reductions = new ReductionKernels(parallel);
        this.matmul = new MatmulKernel(this, elementwise);
        this.softmax = new SoftmaxKernel(parallel);
        this.indexing = new IndexingKernels(parallel, elementwise);
        this.windows = new WindowKernels(parallel);
        this.random = new RandomKernel(parallel);
        this.optimizers = new OptimizerKernels(parallel);
        LOG.debug("CPU backend: {} threads, OpenBLAS {} threads, cache cap {} bytes", threads, OpenBlas.threads(), maxCachedBytes);
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public Device device() {
        return Device.CPU;
    }

    /** Threads used by the Java kernels (and by OpenBLAS). */
    public int threads() {
        return parallel.threads();
    }

    /** Threads OpenBLAS reports it will use. */
    public int openBlasThreads() {
        return OpenBlas.threads();
    }

    @Override
    public Storage allocate(long bytes) {
        return new CpuStorage(allocator, bytes);
    }

    @Override
    public MemoryStats memoryStats() {
        return allocator.stats();
    }

    @Override
    public void emptyCache() {
        allocator.emptyCache();
    }

    @Override
    public void copyFromHost(Object array, Strided dst) {
        long bytes = dst.numel() * dst.dtype().byteSize();
        NativeMemory.U.copyMemory(array, NativeMemory.arrayBase(array), null, ElementwiseKernels.address(dst), bytes);
    }

    @Override
    public void copyToHost(Strided src, Object array) {
        long bytes = src.numel() * src.dtype().byteSize();
        NativeMemory.U.copyMemory(null, ElementwiseKernels.address(src), array, NativeMemory.arrayBase(array), bytes);
    }

    @Override
    public void synchronize() {
        // every CPU kernel has finished when its call returns
    }

    @Override
    public void fill(Strided out, double value) {
        elementwise.fill(out, value);
    }

    @Override
    public void copy(Strided src, Strided dst) {
        elementwise.copy(src, dst);
    }

    @Override
    public void unary(UnaryOp op, Strided x, Strided out) {
        elementwise.unary(op, x, out);
    }

    @Override
    public void clamp(Strided x, double min, double max, Strided out) {
        elementwise.clamp(x, min, max, out);
    }

    @Override
    public void binary(BinaryOp op, Strided a, Strided b, Strided out) {
        elementwise.binary(op, a, b, out);
    }

    @Override
    public void where(Strided cond, Strided a, Strided b, Strided out) {
        elementwise.where(cond, a, b, out);
    }

    @Override
    public void reduce(ReduceOp op, Strided x, int[] dims, Strided out) {
        reductions.reduce(op, x, dims, out);
    }

    @Override
    public void variance(Strided x, int[] dims, double correction, Strided out) {
        reductions.variance(x, dims, correction, out);
    }

    @Override
    public void argReduce(boolean max, Strided x, int dim, Strided out) {
        reductions.argReduce(max, x, dim, out);
    }

    @Override
    public void matmul(Strided a, Strided b, Strided out) {
        matmul.matmul(a, b, out);
    }

    @Override
    public void softmax(Strided x, int dim, boolean log, Strided out) {
        softmax.softmax(x, dim, log, out);
    }

    @Override
    public void gather(Strided x, int dim, Strided index, Strided out) {
        indexing.gather(x, dim, index, out);
    }

    @Override
    public void indexSelect(Strided x, int dim, Strided index, Strided out) {
        indexing.indexSelect(x, dim, index, out);
    }

    @Override
    public void scatterAdd(Strided out, int dim, Strided index, Strided src) {
        indexing.scatterAdd(out, dim, index, src);
    }

    @Override
    public void im2col(Strided image, Window2d window, Strided columns) {
        windows.im2col(image, window, columns);
    }

    @Override
    public void col2im(Strided columns, Window2d window, Strided image) {
        windows.col2im(columns, window, image);
    }

    @Override
    public void maxPool2d(Strided x, Window2d window, Strided out, Strided indices) {
        windows.maxPool2d(x, window, out, indices);
    }

    @Override
    public void avgPool2d(Strided x, Window2d window, boolean countIncludePad, Strided out) {
        windows.avgPool2d(x, window, countIncludePad, out);
    }

    @Override
    public void optimizerStep(OptimizerUpdate update, Strided param, Strided grad, Strided[] state) {
        optimizers.step(update, param, grad, state);
    }

    @Override
    public void random(Distribution distribution, long seed, long offset, Strided out) {
        random.random(distribution, seed, offset, out);
    }

    /** Stops the worker threads and frees cached memory; tensors still alive keep their blocks. */
    @Override
    public void close() {
        parallel.close();
        allocator.emptyCache();
    }

    @Override
    public String toString() {
        return "CpuBackend(threads=" + threads() + ")";
    }
}
