package dev.ithaca.backend.cuda;

import dev.ithaca.spi.MemoryStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The caching allocator's size classes, reuse, cap, emptying and out-of-memory handling, over a fake device. */
class DeviceAllocatorTest {

    /** A device of {@code capacity} bytes that counts its cudaMalloc/cudaFree calls; thread-safe, as CUDA's calls are. */
    private static final class FakeDevice implements DeviceMemory {
        final long capacity;
        final Map<Long, Long> blocks = new HashMap<>();
        final List<Long> freed = new ArrayList<>();
        int mallocs;
        long nextAddress = 1L << 32;

        FakeDevice(long capacity) {
            this.capacity = capacity;
        }

        synchronized long used() {
            return blocks.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public synchronized long allocate(long bytes) {
            mallocs++;
            if (used() + bytes > capacity) {
                return 0;
            }
            long address = nextAddress;
            nextAddress += bytes + 4096;
            blocks.put(address, bytes);
            return address;
        }

        @Override
        public synchronized void free(long address) {
            assertThat(blocks.remove(address)).as("free of a block the device handed out").isNotNull();
            freed.add(address);
        }

        @Override
        public synchronized Info info() {
            return new Info(capacity - used(), capacity);
        }

        @Override
        public String device() {
            return "cuda:7";
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 512", "512, 512", "513, 1024", "1000, 1024", "1024, 1024", "1048575, 1048576", "1048576, 1048576",
        "1048577, 2097152", "2097152, 2097152", "2097153, 4194304", "10000000, 10485760"})
    void sizeClassesArePowersOfTwoUpToOneMebibyteThenTwoMebibyteMultiples(long bytes, long expected) {
        assertThat(DeviceAllocator.sizeClass(bytes)).isEqualTo(expected);
    }

    @Test
    void sizeClassesNeverShrinkARequest() {
        for (long bytes = 1; bytes < (8L << 20); bytes = bytes * 3 / 2 + 1) {
            long size = DeviceAllocator.sizeClass(bytes);
            assertThat(size).isGreaterThanOrEqualTo(bytes).isGreaterThanOrEqualTo(DeviceAllocator.MIN_BLOCK);
            assertThat(DeviceAllocator.sizeClass(size)).as("a size class is its own class").isEqualTo(size);
        }
        assertThatThrownBy(() -> DeviceAllocator.sizeClass(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void freedBlocksAreReusedWithoutCallingTheDevice() {
        FakeDevice device = new FakeDevice(1L << 30);
        DeviceAllocator allocator = new DeviceAllocator(device, CudaConfig.UNLIMITED);
        DeviceAllocator.Block first = allocator.allocate(3000);
        allocator.release(first);
        DeviceAllocator.Block second = allocator.allocate(4000);   // same 4 KiB class
        assertThat(second.address()).isEqualTo(first.address());
        assertThat(device.mallocs).isEqualTo(1);
        DeviceAllocator.Block other = allocator.allocate(5000);    // 8 KiB class: a new block
        assertThat(other.address()).isNotEqualTo(first.address());
        assertThat(device.mallocs).isEqualTo(2);
        for (int step = 0; step < 1000; step++) {
            DeviceAllocator.Block b = allocator.allocate(3 << 20);
            allocator.release(b);
        }
        assertThat(device.mallocs).as("a training loop's repeated sizes cost one cudaMalloc each").isEqualTo(3);
    }

    @Test
    void statsCountLiveAndReservedBytesAndThePeak() {
        FakeDevice device = new FakeDevice(1L << 30);
        DeviceAllocator allocator = new DeviceAllocator(device, CudaConfig.UNLIMITED);
        DeviceAllocator.Block a = allocator.allocate(1000);
        DeviceAllocator.Block b = allocator.allocate(3 << 20);
        assertThat(allocator.stats()).isEqualTo(new MemoryStats(1024 + (4L << 20), 1024 + (4L << 20), 2, 1024 + (4L << 20)));
        allocator.release(b);
        assertThat(allocator.stats()).isEqualTo(new MemoryStats(1024, 1024 + (4L << 20), 1, 1024 + (4L << 20)));
        allocator.release(a);
        assertThat(allocator.stats().liveBytes()).isZero();
        assertThat(allocator.stats().liveBlocks()).isZero();
    }

    @Test
    void emptyCacheReturnsOnlyCachedBlocks() {
        FakeDevice device = new FakeDevice(1L << 30);
        DeviceAllocator allocator = new DeviceAllocator(device, CudaConfig.UNLIMITED);
        DeviceAllocator.Block live = allocator.allocate(100);
        DeviceAllocator.Block dead = allocator.allocate(1 << 20);
        allocator.release(dead);
        allocator.emptyCache();
        assertThat(device.freed).containsExactly(dead.address());
        MemoryStats stats = allocator.stats();
        assertThat(stats.reservedBytes()).isEqualTo(stats.liveBytes()).isEqualTo(512);
        allocator.release(live);
    }

    @Test
    void theCapSendsBlocksBeyondItBackToTheDevice() {
        FakeDevice device = new FakeDevice(1L << 30);
        DeviceAllocator allocator = new DeviceAllocator(device, 1 << 20);
        DeviceAllocator.Block a = allocator.allocate(1 << 20);
        DeviceAllocator.Block b = allocator.allocate(1 << 20);
        allocator.release(a);
        allocator.release(b);
        assertThat(device.freed).as("only one MiB may stay cached").containsExactly(b.address());
        assertThat(allocator.stats().reservedBytes()).isEqualTo(1 << 20);

        DeviceAllocator none = new DeviceAllocator(device, 0);
        none.release(none.allocate(10));
        assertThat(none.stats().reservedBytes()).as("a zero cap caches nothing").isZero();
    }

    @Test
    void aFullDeviceGetsTheCacheBackBeforeTheRequestFails() {
        FakeDevice device = new FakeDevice(8L << 20);
        DeviceAllocator allocator = new DeviceAllocator(device, CudaConfig.UNLIMITED);
        allocator.release(allocator.allocate(6L << 20));            // cached, still held on the device
        DeviceAllocator.Block big = allocator.allocate(4L << 20);  // does not fit next to the cached block
        assertThat(big.address()).isNotZero();
        assertThat(device.freed).hasSize(1);
        assertThat(allocator.stats().reservedBytes()).isEqualTo(4L << 20);
    }

    @Test
    void outOfMemoryNamesTheRequestAndWhatIsFree() {
        FakeDevice device = new FakeDevice(16L << 20);
        DeviceAllocator allocator = new DeviceAllocator(device, CudaConfig.UNLIMITED);
        allocator.allocate(10L << 20);
        assertThatThrownBy(() -> allocator.allocate(7_000_000))
                .isInstanceOf(CudaOutOfMemoryError.class).isInstanceOf(OutOfMemoryError.class)
                .hasMessageContainingAll("CUDA out of memory on cuda:7", "tried to allocate 6.7 MiB", "7000000 bytes",
                        "6.0 MiB free of 16.0 MiB", "cudaMemGetInfo", "10.0 MiB in live tensors", "reduce the batch size")
                .satisfies(e -> {
                    CudaOutOfMemoryError oom = (CudaOutOfMemoryError) e;
                    assertThat(oom.requestedBytes()).isEqualTo(7_000_000);
                    assertThat(oom.freeBytes()).isEqualTo(6L << 20);
                    assertThat(oom.totalBytes()).isEqualTo(16L << 20);
                });
        assertThat(allocator.stats().liveBlocks()).as("a failed request leaves the books straight").isEqualTo(1);
    }

    @Test
    void zeroByteRequestsNeedNoDeviceMemory() {
        FakeDevice device = new FakeDevice(1 << 20);
        DeviceAllocator allocator = new DeviceAllocator(device, CudaConfig.UNLIMITED);
        DeviceAllocator.Block empty = allocator.allocate(0);
        assertThat(empty.address()).isZero();
        allocator.release(empty);
        assertThat(device.mallocs).isZero();
        assertThat(allocator.stats()).isEqualTo(new MemoryStats(0, 0, 0, 0));
    }

    @Test
    void releasesFromManyThreadsKeepTheBooksStraight() throws InterruptedException {
        FakeDevice device = new FakeDevice(1L << 40);
        DeviceAllocator allocator = new DeviceAllocator(device, CudaConfig.UNLIMITED);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 2000; i++) {
                    allocator.release(allocator.allocate(512L << (i % 6)));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        MemoryStats stats = allocator.stats();
        assertThat(stats.liveBytes()).isZero();
        assertThat(stats.liveBlocks()).isZero();
    }
}
