package dev.ithaca.backend.cuda;

import dev.ithaca.spi.Storage;

/**
 * Device memory: one block of the caching allocator, returned to it when the last holder lets go
 * (a Scope closing, {@code close()}, or the Cleaner as a safety net). The address is public for
 * interop (handing a tensor's memory to cuBLAS or another CUDA library, or benchmarking against
 * raw cuBLAS on the same buffer); it is valid while the storage is.
 */
public final class CudaStorage extends Storage {
    private final long address;

    CudaStorage(DeviceAllocator allocator, long bytes) {
        this(allocator, allocator.allocate(bytes), bytes);
    }

    private CudaStorage(DeviceAllocator allocator, DeviceAllocator.Block block, long bytes) {
        super(bytes, () -> allocator.release(block));
        this.address = block.address();
    }

    /** Device address of the block (0 for an empty storage). */
    public long address() {
        return address;
    }
}
