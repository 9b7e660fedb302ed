package dev.ithaca.backend.cpu;

import dev.ithaca.spi.Storage;

/**
 * Off-heap CPU memory: one block of the caching allocator, returned to it when the last holder
 * lets go. The address is public for native interop (handing a tensor's memory to another C
 * library, or benchmarking against raw BLAS on the same buffer); it is valid while the storage is.
 */
public final class CpuStorage extends Storage {
    private final long address;

    CpuStorage(CachingAllocator allocator, long bytes) {
        this(allocator, allocator.allocate(bytes), bytes);
    }

    private CpuStorage(CachingAllocator allocator, CachingAllocator.Block block, long bytes) {
        super(bytes, () -> allocator.release(block));
        this.address = block.address();
    }

    /** Start address of the block (0 for an empty storage). */
    public long address() {
        return address;
    }
}
