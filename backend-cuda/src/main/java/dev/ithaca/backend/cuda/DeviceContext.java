package dev.ithaca.backend.cuda;

import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.global.cudart;

/**
 * One GPU and the rule for using it from Java threads: the CUDA context is current per OS thread,
 * so every thread that issues work for this device calls {@link #bind()} first (it calls
 * cudaSetDevice once per thread; later calls are a thread-local lookup). The backend's entry
 * points, its allocator's frees (which may run on the Cleaner's thread) and its transfers all do.
 * Virtual threads are not supported: they migrate between OS threads.
 */
final class DeviceContext {
    private final int index;
    private final String name;
    private final int major;
    private final int minor;
    private final int multiprocessors;
    private final long totalBytes;
    private final ThreadLocal<Boolean> bound = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private DeviceContext(int index, String name, int major, int minor, int multiprocessors, long totalBytes) {
        this.index = index;
        this.name = name;
        this.major = major;
        this.minor = minor;
        this.multiprocessors = multiprocessors;
        this.totalBytes = totalBytes;
    }

    /** Makes device {@code index} current on this thread, creates its primary context and reads its properties. */
    static DeviceContext open(int index) {
        CudaStatus.check(cudart.cudaSetDevice(index), "cudaSetDevice(" + index + ")");
        CudaStatus.check(cudart.cudaFree(null), "cudaFree(null) [creates the primary context]");
        try (cudaDeviceProp prop = new cudaDeviceProp()) {
            CudaStatus.check(cudart.cudaGetDeviceProperties(prop, index), "cudaGetDeviceProperties(" + index + ")");
            DeviceContext context = new DeviceContext(index, prop.name().getString().trim(), prop.major(), prop.minor(),
                    prop.multiProcessorCount(), prop.totalGlobalMem());
            context.bound.set(Boolean.TRUE);
            return context;
        }
    }

    /** Makes this device current on the calling thread; cheap after the first call on a thread. */
    void bind() {
        if (!bound.get()) {
            CudaStatus.check(cudart.cudaSetDevice(index), "cudaSetDevice(" + index + ")");
            bound.set(Boolean.TRUE);
        }
    }

    int index() {
        return index;
    }

    String name() {
        return name;
    }

    /** The architecture NVRTC compiles for, from the device's compute capability: {@code sm_90} on an H100. */
    String arch() {
        return "sm_" + major + minor;
    }

    int multiprocessors() {
        return multiprocessors;
    }

    long totalBytes() {
        return totalBytes;
    }

    @Override
    public String toString() {
        return "cuda:" + index + " (" + name + ", " + arch() + ")";
    }
}
