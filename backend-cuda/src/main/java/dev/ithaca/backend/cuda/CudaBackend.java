package dev.ithaca.backend.cuda;

import dev.ithaca.random.Distribution;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.BinaryOp;
import dev.ithaca.spi.MemoryStats;
import dev.ithaca.spi.OptimizerUpdate;
import dev.ithaca.spi.ReduceOp;
import dev.ithaca.spi.Storage;
import dev.ithaca.spi.Strided;
import dev.ithaca.spi.UnaryOp;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Device;
import dev.ithaca.tensor.Window2d;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CUDA backend: device memory from a caching allocator, gemm through cuBLAS, and every other
 * kernel written in CUDA C (resources {@code kernels/*.cu}), compiled by NVRTC for this GPU's own
 * architecture on first use and cached on disk. All work goes, in issue order, to one stream;
 * methods return once their work is queued, and reading results to the host waits for it.
 *
 * <p>Threads: any thread may call in. Each entry point makes the device current on the calling
 * thread first (cudaSetDevice, once per thread); the cuBLAS handle and the host staging buffers are
 * each used by one thread at a time. Do not call in from virtual threads.
 */
public final class CudaBackend implements Backend, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CudaBackend.class);

    private final CudaConfig config;
    private final DeviceContext context;
    private final CudaStream stream;
    private final DeviceAllocator allocator;
    private final HostTransfers transfers;
    private final DeviceErrorFlag errors;
    private final KernelLauncher launcher;
    private final CublasGemm blas;
    private final ElementwiseKernels elementwise;
    private final ReductionKernels reductions;
    private final SoftmaxKernel softmax;
    private final IndexingKernels indexing;
    private final WindowKernels windows;
    private final RandomKernel random;
    private final OptimizerKernels optimizers;
    private final MatmulKernel matmul;

    CudaBackend(CudaConfig config) {
        this.config = config;
        this.context = DeviceContext.open(config.device());
        this.stream = new CudaStream();
        this.allocator = new DeviceAllocator(new CudaDeviceMemory(context), config.maxCachedBytes());
        this.transfers = new HostTransfers(context, stream);
        this.errors = new DeviceErrorFlag(context, stream, allocator);
        CubinDiskCache disk = config.kernelCacheDir() == null ? null : new CubinDiskCache(config.kernelCacheDir());
        this.launcher = new KernelLauncher(context, stream, new NvrtcCompiler(), disk);
        this.blas = new CublasGemm(context, stream, config.tf32());
        Temporaries temporaries = new Temporaries(this);
        this.elementwise = new ElementwiseKernels(launcher, stream, errors, this::hostLongs);
        this.reductions = new ReductionKernels(launcher, temporaries);
        this.softmax = new SoftmaxKernel(launcher);
        this.indexing = new IndexingKernels(launcher, errors, this::hostLongs);
        this.windows = new WindowKernels(launcher);
        this.random = new RandomKernel(launcher);
        this.optimizers = new OptimizerKernels(launcher);
        this.matmul = new MatmulKernel(blas, launcher, elementwise, temporaries);
        LOG.info("CUDA backend on {}: {} SMs, {} of memory, TF32 {}, kernel cache {}", context, context.multiprocessors(),
                Bytes.format(context.totalBytes()), config.tf32() ? "on" : "off",
                config.kernelCacheDir() == null ? "off" : config.kernelCacheDir());
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public Device device() {
        return new Device("cuda", context.index());
    }

    /** The GPU's name as the driver reports it. */
    public String deviceName() {
        return context.name();
    }

    /** The architecture kernels are compiled for, {@code sm_90} on an H100. */
    public String architecture() {
        return context.arch();
    }

    /** Whether FLOAT32 matrix products may use TF32 tensor cores. */
    public boolean tf32() {
        return blas.tf32();
    }

    // ---- memory ----------------------------------------------------------------------------------------

    @Override
    public Storage allocate(long bytes) {
        return new CudaStorage(allocator, bytes);
    }

    @Override
    public MemoryStats memoryStats() {
        return allocator.stats();
    }

    @Override
    public void emptyCache() {
        context.bind();
        allocator.emptyCache();
    }

    @Override
    public void copyFromHost(Object array, Strided dst) {
        context.bind();
        requireContiguous("copyFromHost", dst);
        HostArrays.check("copyFromHost", array, dst.dtype(), dst.numel());
        transfers.toDevice(array, DeviceAddress.of(dst), dst.numel(), dst.dtype().byteSize());
    }

    @Override
    public void copyToHost(Strided src, Object array) {
        context.bind();
        requireContiguous("copyToHost", src);
        HostArrays.check("copyToHost", array, src.dtype(), src.numel());
        transfers.toHost(DeviceAddress.of(src), array, src.numel(), src.dtype().byteSize());
    }

    private static void requireContiguous(String op, Strided s) {
        if (!s.isContiguous()) {
            throw new IllegalArgumentException(op + ": the device side must be contiguous, got " + s);
        }
    }

    /** The values of a (possibly strided) view as longs on the host, for error messages. */
    private long[] hostLongs(Strided s) {
        Strided contiguous = new Temporaries(this).copyOf(s, DType.INT64);
        try {
            long[] values = new long[Math.toIntExact(contiguous.numel())];
            copyToHost(contiguous, values);
            return values;
        } finally {
            Temporaries.release(contiguous);
        }
    }

    @Override
    public void synchronize() {
        context.bind();
        stream.synchronize();
    }

    // ---- elementwise -------------------------------------------------------------------------------------

    @Override
    public void fill(Strided out, double value) {
        context.bind();
        elementwise.fill(out, value);
    }

    @Override
    public void copy(Strided src, Strided dst) {
        context.bind();
        elementwise.copy(src, dst);
    }

    @Override
    public void unary(UnaryOp op, Strided x, Strided out) {
        context.bind();
        elementwise.unary(op, x, out);
    }

    @Override
    public void clamp(Strided x, double min, double max, Strided out) {
        context.bind();
        elementwise.clamp(x, min, max, out);
    }

    @Override
    public void binary(BinaryOp op, Strided a, Strided b, Strided out) {
        context.bind();
        elementwise.binary(op, a, b, out);
    }

    @Override
    public void where(Strided cond, Strided a, Strided b, Strided out) {
        context.bind();
        elementwise.where(cond, a, b, out);
    }

    // ---- reductions ----------------------------------------------------------------------------------------

    @Override
    public void reduce(ReduceOp op, Strided x, int[] dims, Strided out) {
        context.bind();
        reductions.reduce(op, x, dims, out);
    }

    @Override
    public void variance(Strided x, int[] dims, double correction, Strided out) {
        context.bind();
        reductions.variance(x, dims, correction, out);
    }

    @Override
    public void argReduce(boolean max, Strided x, int dim, Strided out) {
        context.bind();
        reductions.argReduce(max, x, dim, out);
    }

    // ---- linear algebra and nn primitives ------------------------------------------------------------------

    @Override
    public void matmul(Strided a, Strided b, Strided out) {
        context.bind();
        matmul.matmul(a, b, out);
    }

    @Override
    public void softmax(Strided x, int dim, boolean log, Strided out) {
        context.bind();
        softmax.softmax(x, dim, log, out);
    }

    @Override
    public void gather(Strided x, int dim, Strided index, Strided out) {
        context.bind();
        indexing.gather(x, dim, index, out);
    }

    @Override
    public void indexSelect(Strided x, int dim, Strided index, Strided out) {
        context.bind();
        indexing.indexSelect(x, dim, index, out);
    }

    @Override
    public void scatterAdd(Strided out, int dim, Strided index, Strided src) {
        context.bind();
        indexing.scatterAdd(out, dim, index, src);
    }

    @Override
    public void im2col(Strided image, Window2d window, Strided columns) {
        context.bind();
        windows.im2col(image, window, columns);
    }

    @Override
    public void col2im(Strided columns, Window2d window, Strided image) {
        context.bind();
        windows.col2im(columns, window, image);
    }

    @Override
    public void maxPool2d(Strided x, Window2d window, Strided out, Strided indices) {
        context.bind();
        windows.maxPool2d(x, window, out, indices);
    }

    @Override
    public void avgPool2d(Strided x, Window2d window, boolean countIncludePad, Strided out) {
        context.bind();
        windows.avgPool2d(x, window, countIncludePad, out);
    }

    // ---- optimizers and random -----------------------------------------------------------------------------

    @Override
    public void optimizerStep(OptimizerUpdate update, Strided param, Strided grad, Strided[] state) {
        context.bind();
        optimizers.step(update, param, grad, state);
    }

    @Override
    public void random(Distribution distribution, long seed, long offset, Strided out) {
        context.bind();
        random.random(distribution, seed, offset, out);
    }

    /**
     * Waits for queued work, then releases the cuBLAS handle, the kernel modules, the staging
     * buffers, the cached device memory and the stream. Tensors still alive keep their blocks; the
     * backend cannot be used afterwards.
     */
    @Override
    public void close() {
        context.bind();
        stream.synchronize();
        blas.close();
        launcher.close();
        transfers.close();
        errors.close();
        allocator.emptyCache();
        stream.close();
    }

    @Override
    public String toString() {
        return "CudaBackend(" + context + ", tf32=" + config.tf32() + ")";
    }
}
