package dev.ithaca.backend.cuda;

import dev.ithaca.spi.Availability;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.BackendDescription;
import dev.ithaca.spi.BackendRegistry;
import dev.ithaca.spi.BackendUnavailableException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The provider as ServiceLoader finds it, on this very machine: on a GPU machine {@code auto}
 * must choose CUDA; everywhere else (CI has no GPU) it must fall back to the CPU and every path
 * must report the probe's reason instead of a link error.
 */
class CudaBackendProviderTest {
    private final BackendRegistry registry = BackendRegistry.discover();

    private BackendDescription cuda() {
        return registry.describe().stream().filter(d -> d.name().equals("cuda")).findFirst().orElseThrow();
    }

    @Test
    void isDiscoveredAndRanksAboveTheCpu() {
        assertThat(registry.describe()).extracting(BackendDescription::name).containsExactly("cuda", "cpu");
        assertThat(cuda().priority()).isEqualTo(CudaBackendProvider.PRIORITY);
    }

    @Test
    void probesOncePerJvm() {
        CudaBackendProvider provider = new CudaBackendProvider();
        assertThat(provider.availability()).isSameAs(new CudaBackendProvider().availability());
    }

    @Test
    void autoTakesCudaWhenUsableAndOtherwiseTheCpu() {
        Availability availability = cuda().availability();
        boolean cpuUsable = registry.describe().stream().anyMatch(d -> d.name().equals("cpu") && d.availability().available());
        if (!availability.available() && !cpuUsable) {
            assertThatThrownBy(registry::auto).isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContainingAll("No backend is usable here", availability.reason());
            return;
        }
        assertThat(registry.auto().name()).isEqualTo(availability.available() ? "cuda" : "cpu");
    }

    @Test
    void describeSaysWhyCudaCannotRunWithoutAGpu() {
        Availability availability = cuda().availability();
        if (availability.available()) {
            assertThat(availability.reason()).contains("CUDA driver", "runtime", "NVRTC", "sm_");
            return;
        }
        // this machine: whatever is missing is named, with a fix, and no raw exception text stands in for it
        assertThat(availability.reason()).isNotBlank().doesNotContain("Exception");
        assertThat(availability.remedy()).isNotBlank();
        assertThat(cuda().toString()).contains("cuda (priority 20): unavailable: " + availability.reason());
    }

    @Test
    void askingForCudaWithoutAGpuFailsWithTheReasonAndTheFix() {
        Availability availability = cuda().availability();
        if (availability.available()) {
            assertThat(registry.get("cuda").name()).isEqualTo("cuda");
            return;
        }
        assertThatThrownBy(() -> registry.get("cuda")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContainingAll("Backend 'cuda' is not usable here", availability.reason(), availability.remedy());
    }
}
