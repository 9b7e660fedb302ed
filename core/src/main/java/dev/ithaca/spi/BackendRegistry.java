package dev.ithaca.spi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The providers on the classpath, each probed once, and the one backend instance per provider.
 * Backends hold native resources (thread pools, device contexts), so they are created lazily and shared.
 */
public final class BackendRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(BackendRegistry.class);

    private final Map<String, BackendProvider> providers;
    private final Map<String, Availability> availability = new ConcurrentHashMap<>();
    private final Map<String, Backend> instances = new ConcurrentHashMap<>();

    public BackendRegistry(Iterable<BackendProvider> providers) {
        Map<String, BackendProvider> byName = new LinkedHashMap<>();
        List<BackendProvider> sorted = new ArrayList<>();
        providers.forEach(sorted::add);
        sorted.sort(Comparator.comparingInt(BackendProvider::priority).reversed());
        for (BackendProvider provider : sorted) {
            BackendProvider previous = byName.putIfAbsent(provider.name(), provider);
            if (previous != null) {
                LOG.warn("Two providers for backend '{}': {} and {}; using the first", provider.name(),
                        previous.getClass().getName(), provider.getClass().getName());
            }
        }
        this.providers = byName;
    }

    /** Providers found by {@link ServiceLoader} on this class's loader. */
    public static BackendRegistry discover() {
        return new BackendRegistry(ServiceLoader.load(BackendProvider.class, BackendRegistry.class.getClassLoader()));
    }

    /** Every provider, highest priority first, with its probe result. */
    public List<BackendDescription> describe() {
        return providers.values().stream()
                .map(p -> new BackendDescription(p.name(), p.priority(), availabilityOf(p)))
                .toList();
    }

    /** The named backend, or a {@link BackendUnavailableException} saying what is missing and how to fix it. */
    public Backend get(String name) {
        BackendProvider provider = providers.get(name);
        if (provider == null) {
            String known = providers.isEmpty() ? "none" : String.join(", ", providers.keySet());
            throw new BackendUnavailableException("Backend '" + name + "' is not on the classpath (found: " + known
                    + "). Add the dependency dev.ithaca:ithaca-backend-" + name
                    + ", or choose one of the found backends with -D" + BackendRequest.PROPERTY + "=<name>.");
        }
        Availability found = availabilityOf(provider);
        if (!found.available()) {
            throw new BackendUnavailableException("Backend '" + name + "' is not usable here: " + found.reason() + "."
                    + (found.remedy().isEmpty() ? "" : " " + found.remedy()));
        }
        return instances.computeIfAbsent(name, n -> provider.create());
    }

    /** The highest-priority available backend; logs the choice and why others were skipped. */
    public Backend auto() {
        List<String> skipped = new ArrayList<>();
        for (BackendProvider provider : providers.values()) {
            Availability found = availabilityOf(provider);
            if (found.available()) {
                LOG.info("Backend auto-selected: {} ({}){}", provider.name(), found.reason(),
                        skipped.isEmpty() ? "" : "; skipped " + String.join("; ", skipped));
                return get(provider.name());
            }
            skipped.add(provider.name() + ": " + found.reason());
        }
        throw new BackendUnavailableException(providers.isEmpty()
                ? "No backend is on the classpath. Add dev.ithaca:ithaca-backend-cpu as a dependency."
                : "No backend is usable here: " + describe().stream().map(Object::toString).collect(Collectors.joining("; ")));
    }

    /** Resolves a request: {@code auto} or a backend name. */
    public Backend select(BackendRequest request) {
        if (request.isAuto()) {
            return auto();
        }
        Backend backend = get(request.name());
        LOG.info("Backend {} selected by {}", backend.name(), request.source());
        return backend;
    }

    private Availability availabilityOf(BackendProvider provider) {
        return availability.computeIfAbsent(provider.name(), n -> probe(provider));
    }

    private static Availability probe(BackendProvider provider) {
        try {
            return provider.availability();
        } catch (RuntimeException | LinkageError e) {
            // a provider that breaks its contract still must not take the JVM's selection down
            return Availability.unavailable("probe failed with " + e, "Report this as a bug of " + provider.getClass().getName());
        }
    }
}
