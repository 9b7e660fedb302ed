package dev.ithaca.backend.cuda;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code ithaca.cuda.*} system properties: defaults, every option, and clear refusals of bad values. */
class CudaConfigTest {
    private final Map<String, String> properties = new HashMap<>(Map.of("user.home", "/home/ada"));
    private final Map<String, String> environment = new HashMap<>();

    private CudaConfig config() {
        return CudaConfig.from(properties::get, environment::get);
    }

    @Test
    void defaultsAreDeviceZeroFullFp32AnUncappedCacheAndKernelsUnderHomeCache() {
        CudaConfig config = config();
        assertThat(config.device()).isZero();
        assertThat(config.tf32()).isFalse();
        assertThat(config.maxCachedBytes()).isEqualTo(CudaConfig.UNLIMITED);
        assertThat(config.kernelCacheDir()).isEqualTo(Path.of("/home/ada/.cache/ithaca/cuda"));
    }

    @Test
    void everyPropertyIsRead() {
        properties.put(CudaBackendProvider.DEVICE_PROPERTY, " 1 ");
        properties.put(CudaBackendProvider.TF32_PROPERTY, "TRUE");
        properties.put(CudaBackendProvider.CACHE_PROPERTY, "1048576");
        properties.put(CudaBackendProvider.KERNEL_CACHE_PROPERTY, "/tmp/kernels");
        CudaConfig config = config();
        assertThat(config.device()).isEqualTo(1);
        assertThat(config.tf32()).isTrue();
        assertThat(config.maxCachedBytes()).isEqualTo(1 << 20);
        assertThat(config.kernelCacheDir()).isEqualTo(Path.of("/tmp/kernels"));
    }

    @Test
    void xdgCacheHomeIsHonouredAndNoneDisablesTheDiskCache() {
        environment.put("XDG_CACHE_HOME", "/var/cache/ada");
        assertThat(config().kernelCacheDir()).isEqualTo(Path.of("/var/cache/ada/ithaca/cuda"));
        properties.put(CudaBackendProvider.KERNEL_CACHE_PROPERTY, "none");
        assertThat(config().kernelCacheDir()).isNull();
    }

    @Test
    void tf32CanBeTurnedOffExplicitly() {
        properties.put(CudaBackendProvider.TF32_PROPERTY, "false");
        assertThat(config().tf32()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on"})
    void tf32AcceptsOnlyTrueOrFalse(String value) {
        properties.put(CudaBackendProvider.TF32_PROPERTY, value);
        assertThatThrownBy(this::config).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(CudaBackendProvider.TF32_PROPERTY, "'" + value + "'", "true or false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "gpu0", "1.5", "99999999999"})
    void badDeviceIndicesAreRefusedWithThePropertyAndValue(String value) {
        properties.put(CudaBackendProvider.DEVICE_PROPERTY, value);
        assertThatThrownBy(this::config).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(CudaBackendProvider.DEVICE_PROPERTY, "'" + value + "'", ">= 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "2GB", "1e9"})
    void badCacheCapsAreRefusedWithThePropertyAndValue(String value) {
        properties.put(CudaBackendProvider.CACHE_PROPERTY, value);
        assertThatThrownBy(this::config).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(CudaBackendProvider.CACHE_PROPERTY, "'" + value + "'", "bytes >= 0");
    }
}
