package dev.ithaca.backend.cuda;

import dev.ithaca.spi.MemoryStats;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Size-class caching allocator over device memory, as PyTorch's CUDA allocator: a freed block goes
 * to the free list of its size class and the next request of that class takes it back, so the
 * training loop never calls cudaMalloc (which costs microseconds and synchronizes nothing useful)
 * once it has warmed up. Reuse needs no events because all work runs on one stream (see
 * {@link CudaStream}). When the device is full, the cache is returned to CUDA and the request
 * retried once; if it still fails, {@link CudaOutOfMemoryError} says what was asked and what is free.
 */
final class DeviceAllocator {
    /** A device block: its address and its size class. */
    record Block(long address, long size) {
    }

    /** Requests up to this size round up to a power of two. */
    static final long SMALL_LIMIT = 1L << 20;
    /** Larger requests round up to a multiple of this (PyTorch's large-block rounding). */
    static final long LARGE_GRANULE = 2L << 20;
    static final long MIN_BLOCK = 512;
    private static final Block EMPTY = new Block(0, 0);

    private final DeviceMemory memory;
    private final long maxCachedBytes;
    private final Map<Long, ArrayDeque<Block>> freeLists = new HashMap<>();
    private long liveBytes;
    private long liveBlocks;
    private long cachedBytes;
    private long peakLiveBytes;

    DeviceAllocator(DeviceMemory memory, long maxCachedBytes) {
        if (maxCachedBytes < 0) {
            throw new IllegalArgumentException("maxCachedBytes must be >= 0, got " + maxCachedBytes);
        }
        this.memory = memory;
        this.maxCachedBytes = maxCachedBytes;
    }

    /** 512 bytes at least; powers of two up to 1 MiB; multiples of 2 MiB beyond. */
    static long sizeClass(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("allocation size must be >= 0, got " + bytes);
        }
        if (bytes <= MIN_BLOCK) {
            return MIN_BLOCK;
        }
        if (bytes <= SMALL_LIMIT) {
            return Long.highestOneBit(bytes - 1) << 1;
        }
        return Math.multiplyExact(Math.addExact(bytes, LARGE_GRANULE - 1) / LARGE_GRANULE, LARGE_GRANULE);
    }

    /** A block of at least {@code bytes} bytes; zero bytes give an empty block at address 0. */
    Block allocate(long bytes) {
        if (bytes == 0) {
            return EMPTY;
        }
        long size = sizeClass(bytes);
        synchronized (this) {
            ArrayDeque<Block> list = freeLists.get(size);
            Block cached = list == null ? null : list.poll();
            if (cached != null) {
                cachedBytes -= size;
                return markLive(cached);
            }
        }
        long address = memory.allocate(size);
        if (address == 0) {
            emptyCache();
            address = memory.allocate(size);
        }
        if (address == 0) {
            DeviceMemory.Info info = memory.info();
            throw new CudaOutOfMemoryError(memory.device(), bytes, size, info.freeBytes(), info.totalBytes(), stats().liveBytes());
        }
        synchronized (this) {
            return markLive(new Block(address, size));
        }
    }

    private Block markLive(Block block) {
        liveBytes += block.size();
        liveBlocks++;
        peakLiveBytes = Math.max(peakLiveBytes, liveBytes);
        return block;
    }

    /** Takes a block back: into the cache while it stays under the cap, else straight back to CUDA. */
    void release(Block block) {
        if (block.size() == 0) {
            return;
        }
        boolean keep;
        synchronized (this) {
            liveBytes -= block.size();
            liveBlocks--;
            keep = block.size() <= maxCachedBytes - cachedBytes;
            if (keep) {
                cachedBytes += block.size();
                freeLists.computeIfAbsent(block.size(), s -> new ArrayDeque<>()).push(block);
            }
        }
        if (!keep) {
            memory.free(block.address());
        }
    }

    /** Returns every cached block to CUDA; live blocks are untouched. */
    void emptyCache() {
        List<Block> toFree = new ArrayList<>();
        synchronized (this) {
            freeLists.values().forEach(toFree::addAll);
            freeLists.clear();
            cachedBytes = 0;
        }
        toFree.forEach(b -> memory.free(b.address()));
    }

    synchronized MemoryStats stats() {
        return new MemoryStats(liveBytes, liveBytes + cachedBytes, liveBlocks, peakLiveBytes);
    }
}
