package dev.ithaca.backend.cpu;

import dev.ithaca.spi.Availability;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_full;

/** Loads the OpenBLAS natives bundled by Bytedeco, once, without letting a link error escape. */
final class OpenBlas {
    private OpenBlas() {
    }

    private static final class Probe {
        static final Availability RESULT = load();
    }

    static Availability availability() {
        return Probe.RESULT;
    }

    private static Availability load() {
        try {
            Loader.load(openblas_full.class);
            String config = string(openblas_full.openblas_get_config());
            String core = string(openblas_full.openblas_get_corename());
            return Availability.available(config.trim() + ", core " + core);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            return Availability.unavailable("OpenBLAS natives could not be loaded (" + e.getMessage() + ")",
                    "Add org.bytedeco:openblas:0.3.31-1.5.13 with classifier linux-x86_64 (and javacpp's) to the classpath,"
                            + " on linux-x86_64, and make sure the JavaCPP cache directory (~/.javacpp) is writable");
        }
    }

    /** Sets OpenBLAS's own thread count so it matches the Java kernels' pool. */
    static void setThreads(int threads) {
        openblas_full.openblas_set_num_threads(threads);
    }

    static int threads() {
        return openblas_full.openblas_get_num_threads();
    }

    private static String string(BytePointer p) {
        return p == null || p.isNull() ? "unknown" : p.getString();
    }
}
