package dev.ithaca.backend.cpu;

import dev.ithaca.spi.Availability;
import dev.ithaca.spi.Backends;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static dev.ithaca.backend.cpu.CpuBackendProvider.CACHE_PROPERTY;
import static dev.ithaca.backend.cpu.CpuBackendProvider.THREADS_PROPERTY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ServiceLoader entry point: its probe, and how it reads {@code ithaca.cpu.*} system properties. */
class CpuBackendProviderTest {
    private final CpuBackendProvider provider = new CpuBackendProvider();

    @AfterEach
    void clearPropertiesAndRestoreOpenBlasThreads() {
        System.clearProperty(THREADS_PROPERTY);
        System.clearProperty(CACHE_PROPERTY);
        // creating a backend sets OpenBLAS's process-wide thread count; give the shared backend its own back
        OpenBlas.setThreads(((CpuBackend) Backends.get("cpu")).threads());
    }

    @Test
    void isNamedCpuAndAvailableWithOpenBlasDetails() {
        Availability availability = provider.availability();
        assertThat(provider.name()).isEqualTo("cpu");
        assertThat(availability.available()).isTrue();
        assertThat(availability.reason()).contains("OpenBLAS");
    }

    @Test
    void propertiesChooseThreadsAndCacheCap() {
        System.setProperty(THREADS_PROPERTY, " 3 ");
        System.setProperty(CACHE_PROPERTY, "0");
        try (CpuBackend cpu = (CpuBackend) provider.create()) {
            assertThat(cpu.threads()).isEqualTo(3);
            assertThat(cpu.openBlasThreads()).isEqualTo(3);
            cpu.allocate(1000).release();
            assertThat(cpu.memoryStats().reservedBytes()).as("a zero cap caches nothing").isZero();
        }
    }

    @Test
    void blankPropertiesFallBackToTheDefaults() {
        System.setProperty(THREADS_PROPERTY, "  ");
        try (CpuBackend cpu = (CpuBackend) provider.create()) {
            assertThat(cpu.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-2", "two", "1.5", "99999999999"})
    void badThreadCountsAreRejectedWithThePropertyAndValue(String value) {
        System.setProperty(THREADS_PROPERTY, value);
        assertThatThrownBy(provider::create).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(THREADS_PROPERTY, "'" + value + "'", ">= 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1GB", "0x10", "1e9"})
    void badCacheCapsAreRejectedWithThePropertyAndValue(String value) {
        System.setProperty(CACHE_PROPERTY, value);
        assertThatThrownBy(provider::create).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(CACHE_PROPERTY, "'" + value + "'", ">= 0");
    }
}
