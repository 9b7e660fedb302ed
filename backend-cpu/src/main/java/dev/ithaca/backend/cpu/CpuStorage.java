package dev.ithaca.backend.cpu;

import dev.ithaca.spi.Storage;

/** Off-heap CPU memory: one block of the caching allocator, returned to it when the last holder lets go. */
final class CpuStorage extends Storage {
    private final long address;

    CpuStorage(CachingAllocator allocator, long bytes) {
        this(allocator, allocator.allocate(bytes), bytes);
    }

    private CpuStorage(CachingAllocator allocator, CachingAllocator.Block block, long bytes) {
        super(bytes, () -> allocator.release(block));
        this.address = block.address();
    }

    long address() {
        return address;
    }
}
