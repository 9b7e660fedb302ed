package dev.ithaca.backend.cuda;

/**
 * The GPU could not provide a block even after the allocator returned every cached block to CUDA.
 * An {@link OutOfMemoryError}, so code that handles running out of host memory handles this too.
 */
public final class CudaOutOfMemoryError extends OutOfMemoryError {
    private static final long serialVersionUID = 1L;

    private final long requestedBytes;
    private final long freeBytes;
    private final long totalBytes;

    CudaOutOfMemoryError(String device, long requestedBytes, long sizeClass, long freeBytes, long totalBytes, long liveBytes) {
        super("CUDA out of memory on " + device + ": tried to allocate " + Bytes.format(requestedBytes)
                + " (" + requestedBytes + " bytes, block of " + sizeClass + ") with " + Bytes.format(freeBytes) + " free of "
                + Bytes.format(totalBytes) + " (cudaMemGetInfo); this process holds " + Bytes.format(liveBytes)
                + " in live tensors and its cache was already emptied. Free tensors (close them or use a Scope),"
                + " reduce the batch size, or stop other processes using the GPU.");
        this.requestedBytes = requestedBytes;
        this.freeBytes = freeBytes;
        this.totalBytes = totalBytes;
    }

    public long requestedBytes() {
        return requestedBytes;
    }

    /** Free device memory cudaMemGetInfo reported after the cache was emptied. */
    public long freeBytes() {
        return freeBytes;
    }

    public long totalBytes() {
        return totalBytes;
    }
}
