package dev.ithaca.backend.cuda;

import dev.ithaca.spi.Availability;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.BackendProvider;

/**
 * Registers the CUDA backend with {@link java.util.ServiceLoader}. Ranks above the CPU backend, so
 * {@code auto} picks it wherever a GPU is usable and otherwise falls back to the CPU, logging why.
 *
 * <p>System properties: {@value #DEVICE_PROPERTY} (GPU index, default 0), {@value #TF32_PROPERTY}
 * ({@code true} lets FLOAT32 matmul use TF32 tensor cores; default false, full FP32),
 * {@value #KERNEL_CACHE_PROPERTY} (compiled kernels between runs; default
 * {@code $XDG_CACHE_HOME/ithaca/cuda} or {@code ~/.cache/ithaca/cuda}; {@code none} disables it) and
 * {@value #CACHE_PROPERTY} (freed device bytes kept for reuse; default unlimited, as PyTorch: the
 * cache is emptied and the allocation retried when the GPU runs out).
 */
public final class CudaBackendProvider implements BackendProvider {
    public static final String DEVICE_PROPERTY = "ithaca.cuda.device";
    public static final String TF32_PROPERTY = "ithaca.cuda.tf32";
    public static final String KERNEL_CACHE_PROPERTY = "ithaca.cuda.kernelCacheDir";
    public static final String CACHE_PROPERTY = "ithaca.cuda.maxCachedBytes";
    static final int PRIORITY = 20;

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /** Probes once per JVM; never throws, whatever is missing. */
    @Override
    public Availability availability() {
        return CudaProbe.availability();
    }

    @Override
    public Backend create() {
        return new CudaBackend(CudaConfig.fromSystemProperties());
    }
}
