package dev.ithaca.backend.cpu;

import dev.ithaca.spi.Backends;
import dev.ithaca.spi.MemoryStats;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The size-class cache behind {@link CpuBackend#allocate}: reuse of freed blocks and the cap on what it keeps. */
@SuppressWarnings("try") // scopes and Backends.use work by being open, not by being referenced
class CpuCachingAllocatorTest {

    /** A private backend, so these counts see no other test's memory; same threads as the shared one (OpenBLAS's setting is global). */
    private static CpuBackend newBackend(long maxCachedBytes) {
        return new CpuBackend(((CpuBackend) Backends.get("cpu")).threads(), maxCachedBytes);
    }

    private static long address(Tensor t) {
        return ((CpuStorage) t.strided().storage()).address();
    }

    @Test
    void sizeClassesArePowersOfTwoUpToOneMebibyteThen64KiBSteps() {
        assertThat(CachingAllocator.sizeClass(1)).isEqualTo(64);
        assertThat(CachingAllocator.sizeClass(64)).isEqualTo(64);
        assertThat(CachingAllocator.sizeClass(65)).isEqualTo(128);
        assertThat(CachingAllocator.sizeClass(400)).isEqualTo(512);
        assertThat(CachingAllocator.sizeClass(1 << 20)).isEqualTo(1 << 20);
        assertThat(CachingAllocator.sizeClass((1 << 20) + 1)).isEqualTo((1 << 20) + (1 << 16));
        assertThat(CachingAllocator.sizeClass(3 << 20)).isEqualTo(3 << 20);
    }

    @Test
    void aFreedBlockIsReusedByTheNextRequestOfItsSizeClass() {
        try (CpuBackend cpu = newBackend(1 << 20); Backends.Use use = Backends.use(cpu)) {
            Tensor first = Tensor.zeros(100);                   // 400 bytes: the 512-byte class
            long address = address(first);
            first.close();
            assertThat(cpu.memoryStats()).isEqualTo(new MemoryStats(0, 512, 0, 512));
            Tensor second = Tensor.zeros(DType.INT64, 60);      // 480 bytes: the same class
            assertThat(address(second)).isEqualTo(address);
            Tensor third = Tensor.zeros(200);                   // 800 bytes: another class, a new block
            assertThat(address(third)).isNotEqualTo(address);
            assertThat(cpu.memoryStats().liveBlocks()).isEqualTo(2);
            second.close();
            third.close();
            assertThat(cpu.memoryStats().liveBytes()).isZero();
        }
    }

    @Test
    void cachedBytesNeverExceedTheCap() {
        try (CpuBackend cpu = newBackend(1024); Backends.Use use = Backends.use(cpu)) {
            Tensor a = Tensor.zeros(128);   // three 512-byte blocks; only two fit under the cap
            Tensor b = Tensor.zeros(128);
            Tensor c = Tensor.zeros(128);
            a.close();
            b.close();
            c.close();
            assertThat(cpu.memoryStats().liveBytes()).isZero();
            assertThat(cpu.memoryStats().reservedBytes()).isEqualTo(1024);
        }
    }

    @Test
    void aZeroCapCachesNothing() {
        try (CpuBackend cpu = newBackend(0); Backends.Use use = Backends.use(cpu)) {
            Tensor.ones(1000).close();
            assertThat(cpu.memoryStats().reservedBytes()).isZero();
        }
    }

    @Test
    void emptyCacheReturnsCachedBlocksToTheSystem() {
        try (CpuBackend cpu = newBackend(1 << 30); Backends.Use use = Backends.use(cpu)) {
            Tensor kept = Tensor.ones(10);
            Tensor.ones(1 << 20).close();
            assertThat(cpu.memoryStats().reservedBytes()).isEqualTo(64 + (4L << 20));
            cpu.emptyCache();
            assertThat(cpu.memoryStats().reservedBytes()).isEqualTo(64);
            assertThat(kept.toFloatArray()).containsOnly(1f);
            kept.close();
        }
    }

    @Test
    void emptyTensorsTakeNoBlock() {
        try (CpuBackend cpu = newBackend(0); Backends.Use use = Backends.use(cpu)) {
            Tensor empty = Tensor.zeros(0, 5);
            assertThat(cpu.memoryStats()).isEqualTo(new MemoryStats(0, 0, 0, 0));
            empty.close();
        }
    }

    @Test
    void peakLiveBytesRemembersTheHighWaterMark() {
        try (CpuBackend cpu = newBackend(0); Backends.Use use = Backends.use(cpu)) {
            Tensor.zeros(1 << 18).close();
            Tensor small = Tensor.zeros(10);
            assertThat(cpu.memoryStats().peakLiveBytes()).isEqualTo(1L << 20);
            assertThat(cpu.memoryStats().liveBytes()).isEqualTo(64);
            small.close();
        }
    }
}
