package dev.ithaca.inject;

import com.google.inject.Guice;
import com.google.inject.ProvisionException;
import dev.ithaca.spi.Availability;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.BackendRegistry;
import dev.ithaca.spi.BackendUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ithaca.spi.FakeProviders.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IthacaModuleTest {
    private final AtomicInteger created = new AtomicInteger();
    private final BackendRegistry registry = new BackendRegistry(List.of(
            provider("cpu", 10, Availability.available("test"), created),
            provider("fast", 20, Availability.available("test"), created),
            provider("cuda", 100, Availability.unavailable("no GPU visible", "Check nvidia-smi"), created)));

    @AfterEach
    void clearProperty() {
        System.clearProperty("ithaca.backend");
    }

    @Test
    void configuredNameIsBoundAsASingleton() {
        var injector = Guice.createInjector(new IthacaModule("cpu", registry));
        Backend backend = injector.getInstance(Backend.class);
        assertThat(backend.name()).isEqualTo("cpu");
        assertThat(injector.getInstance(Backend.class)).isSameAs(backend);
    }

    @Test
    void withoutConfigurationAutoTakesTheBestAvailable() {
        assertThat(Guice.createInjector(new IthacaModule(null, registry)).getInstance(Backend.class).name()).isEqualTo("fast");
    }

    @Test
    void systemPropertyOverridesTheConfiguredName() {
        System.setProperty("ithaca.backend", "fast");
        assertThat(Guice.createInjector(new IthacaModule("cpu", registry)).getInstance(Backend.class).name()).isEqualTo("fast");
    }

    @Test
    void unavailableBackendFailsWithTheProbeReasonAndRemedy() {
        var injector = Guice.createInjector(new IthacaModule("cuda", registry));
        assertThatThrownBy(() -> injector.getInstance(Backend.class))
                .isInstanceOf(ProvisionException.class)
                .hasRootCauseInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("no GPU visible").hasMessageContaining("Check nvidia-smi");
    }
}
