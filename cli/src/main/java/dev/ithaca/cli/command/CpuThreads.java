package dev.ithaca.cli.command;

import dev.ithaca.backend.cpu.CpuBackendProvider;
import dev.ithaca.spi.Backends;
import org.bytedeco.openblas.global.openblas_full;

/** The CPU backend's thread settings as the running JVM has them. */
final class CpuThreads {
    private CpuThreads() {
    }

    static String describe() {
        boolean cpuAvailable = Backends.describe().stream()
                .anyMatch(b -> b.name().equals("cpu") && b.availability().available());
        String kernels = System.getProperty(CpuBackendProvider.THREADS_PROPERTY,
                Runtime.getRuntime().availableProcessors() + " (all cores; set -D" + CpuBackendProvider.THREADS_PROPERTY + "=N)");
        if (!cpuAvailable) {
            return "CPU kernels " + kernels + "; OpenBLAS not loaded (cpu backend unavailable)";
        }
        // creating the backend applies the thread setting to OpenBLAS, so the number read back is the one used
        Backends.get("cpu");
        return "CPU kernels " + kernels + ", OpenBLAS " + openblas_full.openblas_get_num_threads();
    }
}
