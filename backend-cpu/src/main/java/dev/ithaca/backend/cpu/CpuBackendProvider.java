package dev.ithaca.backend.cpu;

import dev.ithaca.spi.Availability;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.BackendProvider;

/**
 * Registers the CPU backend with {@link java.util.ServiceLoader}. Threads come from system property
 * {@value #THREADS_PROPERTY} (default: available processors) and the allocator's cache cap from
 * {@value #CACHE_PROPERTY} (bytes, default 1 GiB).
 */
public final class CpuBackendProvider implements BackendProvider {
    public static final String THREADS_PROPERTY = "ithaca.cpu.threads";
    public static final String CACHE_PROPERTY = "ithaca.cpu.maxCachedBytes";
    static final long DEFAULT_MAX_CACHED_BYTES = 1L << 30;

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Availability availability() {
        return OpenBlas.availability();
    }

    @Override
    public Backend create() {
        int threads = positiveInt(THREADS_PROPERTY, Runtime.getRuntime().availableProcessors());
        long cache = nonNegativeLong(CACHE_PROPERTY, DEFAULT_MAX_CACHED_BYTES);
        return new CpuBackend(threads, cache);
    }

    static int positiveInt(String property, int fallback) {
        String text = System.getProperty(property);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the valid range
        }
        throw new IllegalArgumentException("System property " + property + " must be a whole number >= 1, got '" + text + "'");
    }

    static long nonNegativeLong(String property, long fallback) {
        String text = System.getProperty(property);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the valid range
        }
        throw new IllegalArgumentException("System property " + property + " must be a whole number of bytes >= 0, got '" + text + "'");
    }
}
