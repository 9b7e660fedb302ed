package dev.ithaca.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.BackendRegistry;
import dev.ithaca.spi.BackendRequest;
import dev.ithaca.spi.Backends;

/**
 * Binds {@link Backend} from configuration: system property {@code ithaca.backend}, else
 * environment variable {@code ITHACA_BACKEND}, else the name given here (from code or a config
 * file), else {@code auto}. An unusable choice fails injection with a
 * {@link dev.ithaca.spi.BackendUnavailableException} that says what is missing.
 */
public final class IthacaModule extends AbstractModule {
    private final String configuredBackend;
    private final BackendRegistry registry;

    /** Backend from system property, environment, else {@code auto}. */
    public IthacaModule() {
        this(null);
    }

    /** @param configuredBackend a backend name or {@code auto}, used when neither property nor env is set; may be null */
    public IthacaModule(String configuredBackend) {
        this(configuredBackend, Backends.registry());
    }

    IthacaModule(String configuredBackend, BackendRegistry registry) {
        this.configuredBackend = configuredBackend;
        this.registry = registry;
    }

    @Provides
    @Singleton
    BackendRequest backendRequest() {
        return BackendRequest.resolve(configuredBackend);
    }

    @Provides
    @Singleton
    Backend backend(BackendRequest request) {
        return registry.select(request);
    }

    @Provides
    BackendRegistry backendRegistry() {
        return registry;
    }
}
