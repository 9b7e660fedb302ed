package dev.ithaca.backend.cuda;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;

import static dev.ithaca.backend.cuda.CudaBackendProvider.CACHE_PROPERTY;
import static dev.ithaca.backend.cuda.CudaBackendProvider.DEVICE_PROPERTY;
import static dev.ithaca.backend.cuda.CudaBackendProvider.KERNEL_CACHE_PROPERTY;
import static dev.ithaca.backend.cuda.CudaBackendProvider.TF32_PROPERTY;

/**
 * The CUDA backend's settings.
 *
 * @param device         index of the GPU to use, as CUDA numbers the visible ones
 * @param tf32           whether FLOAT32 matrix products may use TF32 tensor cores (faster, ~10 mantissa bits)
 * @param kernelCacheDir where compiled kernels are kept between runs, or null for no disk cache
 * @param maxCachedBytes most freed device bytes the allocator keeps for reuse
 */
record CudaConfig(int device, boolean tf32, Path kernelCacheDir, long maxCachedBytes) {

    /** Without a cap the cache grows until an allocation fails, then is emptied and the allocation retried, as PyTorch's. */
    static final long UNLIMITED = Long.MAX_VALUE;

    CudaConfig {
        if (device < 0) {
            throw new IllegalArgumentException("CUDA device index must be >= 0, got " + device);
        }
        if (maxCachedBytes < 0) {
            throw new IllegalArgumentException("maxCachedBytes must be >= 0, got " + maxCachedBytes);
        }
    }

    static CudaConfig fromSystemProperties() {
        return from(System::getProperty, System::getenv);
    }

    /** Reads the settings through explicit lookups, so tests need not touch the real properties and environment. */
    static CudaConfig from(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        int device = (int) wholeNumber(properties, DEVICE_PROPERTY, 0, Integer.MAX_VALUE, "a device index >= 0");
        boolean tf32 = bool(properties, TF32_PROPERTY);
        long cap = wholeNumber(properties, CACHE_PROPERTY, UNLIMITED, Long.MAX_VALUE, "a whole number of bytes >= 0");
        return new CudaConfig(device, tf32, kernelCacheDir(properties, environment), cap);
    }

    /** {@value CudaBackendProvider#KERNEL_CACHE_PROPERTY}, {@code none} to disable, else $XDG_CACHE_HOME or ~/.cache, then ithaca/cuda. */
    private static Path kernelCacheDir(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String text = properties.apply(KERNEL_CACHE_PROPERTY);
        if (text != null && !text.isBlank()) {
            return text.trim().equalsIgnoreCase("none") ? null : Path.of(text.trim());
        }
        String xdg = environment.apply("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(properties.apply("user.home"), ".cache");
        return base.resolve("ithaca").resolve("cuda");
    }

    private static long wholeNumber(UnaryOperator<String> properties, String name, long fallback, long max, String valid) {
        String text = properties.apply(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with what is valid
        }
        throw new IllegalArgumentException("System property " + name + " must be " + valid + ", got '" + text + "'");
    }

    private static boolean bool(UnaryOperator<String> properties, String name) {
        String text = properties.apply(name);
        if (text == null || text.isBlank()) {
            return false;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("System property " + name + " must be true or false, got '" + text + "'");
        };
    }
}
