package dev.ithaca.backend.cuda;

/**
 * Raw device memory, as the caching allocator sees it: cudaMalloc, cudaFree and cudaMemGetInfo on a
 * GPU, a fake in the allocator's tests.
 */
interface DeviceMemory {

    /** A new block of {@code bytes} bytes, or 0 when the device has no room for it. */
    long allocate(long bytes);

    void free(long address);

    /** Free and total bytes of the device, as cudaMemGetInfo reports them. */
    Info info();

    /** Names the device in messages ({@code cuda:0}). */
    String device();

    record Info(long freeBytes, long totalBytes) {
    }
}
