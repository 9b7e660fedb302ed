package dev.ithaca.backend.cpu;

import dev.ithaca.spi.MemoryStats;
import org.bytedeco.javacpp.Pointer;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Size-class caching allocator over {@code malloc}, as PyTorch's CPU and CUDA allocators do:
 * a freed block goes to a free list of its size class and the next request of that class reuses
 * it, so the hot path never calls into native code. Cached bytes are capped; beyond the cap,
 * blocks go straight back to the system.
 */
final class CachingAllocator {
    /** A malloc'd block: its address, its size class and the JavaCPP handle that frees it. */
    record Block(long address, long size, Pointer pointer) {
    }

    private static final long SMALL_LIMIT = 1L << 20;
    private static final long LARGE_GRANULE = 1L << 16;
    private static final Block EMPTY = new Block(0, 0, null);

    private final long maxCachedBytes;
    private final Map<Long, ArrayDeque<Block>> freeLists = new HashMap<>();
    private long liveBytes;
    private long liveBlocks;
    private long cachedBytes;
    private long peakLiveBytes;

    CachingAllocator(long maxCachedBytes) {
        this.maxCachedBytes = maxCachedBytes;
    }

    /** Small requests round up to a power of two (min 64 bytes), large ones to 64 KiB. */
    static long sizeClass(long bytes) {
        if (bytes <= 64) {
            return 64;
        }
        if (bytes <= SMALL_LIMIT) {
            return Long.highestOneBit(bytes - 1) << 1;
        }
        return (bytes + LARGE_GRANULE - 1) / LARGE_GRANULE * LARGE_GRANULE;
    }

    Block allocate(long bytes) {
        if (bytes == 0) {
            return EMPTY;
        }
        long size = sizeClass(bytes);
        Block block;
        synchronized (this) {
            ArrayDeque<Block> list = freeLists.get(size);
            block = list == null ? null : list.poll();
            if (block != null) {
                cachedBytes -= size;
                return markLive(block);
            }
        }
        Pointer pointer = Pointer.malloc(size);
        if (pointer == null || pointer.isNull()) {
            emptyCache();
            pointer = Pointer.malloc(size);
        }
        if (pointer == null || pointer.isNull()) {
            throw new OutOfMemoryError("CPU backend: cannot allocate " + bytes + " bytes off-heap (" + stats().liveBytes()
                    + " bytes live); free tensors (close them or use a Scope) or add memory");
        }
        synchronized (this) {
            return markLive(new Block(pointer.address(), size, pointer));
        }
    }

    private Block markLive(Block block) {
        liveBytes += block.size();
        liveBlocks++;
        peakLiveBytes = Math.max(peakLiveBytes, liveBytes);
        return block;
    }

    void release(Block block) {
        if (block.size() == 0) {
            return;
        }
        boolean keep;
        synchronized (this) {
            liveBytes -= block.size();
            liveBlocks--;
            keep = cachedBytes + block.size() <= maxCachedBytes;
            if (keep) {
                cachedBytes += block.size();
                freeLists.computeIfAbsent(block.size(), s -> new ArrayDeque<>()).push(block);
            }
        }
        if (!keep) {
            Pointer.free(block.pointer());
        }
    }

    void emptyCache() {
        ArrayDeque<Block> toFree = new ArrayDeque<>();
        synchronized (this) {
            freeLists.values().forEach(toFree::addAll);
            freeLists.clear();
            cachedBytes = 0;
        }
        toFree.forEach(b -> Pointer.free(b.pointer()));
    }

    synchronized MemoryStats stats() {
        return new MemoryStats(liveBytes, liveBytes + cachedBytes, liveBlocks, peakLiveBytes);
    }
}
