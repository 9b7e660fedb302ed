package dev.ithaca.spi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ithaca.spi.FakeProviders.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackendRegistryTest {
    private final AtomicInteger created = new AtomicInteger();
    private final BackendProvider cpu = provider("cpu", 10, Availability.available("OpenBLAS 0.3.31"), created);
    private final BackendProvider cuda = provider("cuda", 100,
            Availability.unavailable("no NVIDIA driver (libcuda.so.1 not found)", "Install the NVIDIA driver"), created);

    @Test
    void autoPicksTheHighestPriorityAvailableBackend() {
        BackendRegistry registry = new BackendRegistry(List.of(cpu, cuda));
        assertThat(registry.auto().name()).isEqualTo("cpu");
    }

    @Test
    void describeListsEveryProviderHighestPriorityFirstWithReasons() {
        List<BackendDescription> described = new BackendRegistry(List.of(cpu, cuda)).describe();
        assertThat(described).extracting(BackendDescription::name).containsExactly("cuda", "cpu");
        assertThat(described.get(0).availability().available()).isFalse();
        assertThat(described.get(0).toString()).contains("libcuda.so.1 not found", "Install the NVIDIA driver");
    }

    @Test
    void unusableBackendFailsWithReasonAndRemedy() {
        BackendRegistry registry = new BackendRegistry(List.of(cpu, cuda));
        assertThatThrownBy(() -> registry.get("cuda"))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("Backend 'cuda' is not usable here: no NVIDIA driver (libcuda.so.1 not found). Install the NVIDIA driver");
    }

    @Test
    void unknownBackendNamesWhatIsOnTheClasspathAndTheDependencyToAdd() {
        BackendRegistry registry = new BackendRegistry(List.of(cpu));
        assertThatThrownBy(() -> registry.get("tpu"))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("'tpu' is not on the classpath (found: cpu)")
                .hasMessageContaining("dev.ithaca:ithaca-backend-tpu");
    }

    @Test
    void oneInstancePerBackendIsCreatedLazily() {
        BackendRegistry registry = new BackendRegistry(List.of(cpu));
        assertThat(created).hasValue(0);
        Backend first = registry.get("cpu");
        assertThat(registry.select(new BackendRequest("cpu", "test"))).isSameAs(first);
        assertThat(created).hasValue(1);
    }

    @Test
    void aProbeThatThrowsMakesItsBackendUnavailableInsteadOfCrashing() {
        BackendRegistry registry = new BackendRegistry(List.of(FakeProviders.throwingProbe("broken"), cpu));
        assertThat(registry.auto().name()).isEqualTo("cpu");
        assertThatThrownBy(() -> registry.get("broken"))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("libfake.so");
    }

    @Test
    void autoWithNothingUsableExplainsEveryProvider() {
        assertThatThrownBy(() -> new BackendRegistry(List.of(cuda)).auto())
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("cuda").hasMessageContaining("libcuda.so.1");
        assertThatThrownBy(() -> new BackendRegistry(List.of()).auto())
                .hasMessageContaining("ithaca-backend-cpu");
    }
}
