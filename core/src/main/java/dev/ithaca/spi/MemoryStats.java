package dev.ithaca.spi;

/**
 * A backend's memory at one instant.
 *
 * @param liveBytes     bytes held by storages that are still in use
 * @param reservedBytes live bytes plus freed blocks the caching allocator keeps for reuse
 * @param liveBlocks    number of storages in use
 * @param peakLiveBytes highest {@code liveBytes} seen since the backend started
 */
public record MemoryStats(long liveBytes, long reservedBytes, long liveBlocks, long peakLiveBytes) {
}
