package dev.ithaca.backend.cuda;

import dev.ithaca.spi.Availability;
import dev.ithaca.spi.BackendRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether the CUDA backend can run here and, when it cannot, says why in words a user
 * acts on: no NVIDIA driver, no CUDA 13 runtime/cuBLAS/NVRTC, no GPU visible, a driver too old or
 * a GPU too old. Every native failure is caught, so a machine without CUDA never loses its JVM;
 * the result is computed once per JVM, because a failed native load cannot be retried anyway.
 */
final class CudaProbe {
    /** CUDA 13 (its NVRTC) compiles for compute capability 7.5 (Turing) and newer. */
    static final int MIN_MAJOR = 7;
    static final int MIN_MINOR = 5;
    /** cudaError_t values the probe tells apart (stable across CUDA releases). */
    static final int ERROR_INSUFFICIENT_DRIVER = 35;
    static final int ERROR_NO_DEVICE = 100;
    static final int ERROR_STUB_LIBRARY = 34;
    static final int ERROR_SYSTEM_DRIVER_MISMATCH = 803;

    private static final Pattern MISSING_LIBRARY = Pattern.compile("(lib[\\w+.-]*?\\.so[.\\d]*): cannot open shared object file");

    private CudaProbe() {
    }

    private static final class Once {
        static final Availability RESULT = probeConfigured();
    }

    /** The probe of this machine with the configured device, run on first use. */
    static Availability availability() {
        return Once.RESULT;
    }

    private static Availability probeConfigured() {
        int device;
        try {
            device = CudaConfig.fromSystemProperties().device();
        } catch (IllegalArgumentException e) {
            return Availability.unavailable(e.getMessage(), "Fix or remove the system property");
        }
        return probe(new CudaProbeTarget(), device);
    }

    /** Probes through {@code target} for device {@code device}; never throws. */
    static Availability probe(ProbeTarget target, int device) {
        try {
            try {
                target.loadRuntime();
            } catch (LinkageError e) {
                return loadFailure("the CUDA runtime", e);
            }
            int driver = target.driverVersion();
            int runtime = target.runtimeVersion();
            ProbeTarget.DeviceCount count = target.deviceCount();
            if (count.status() != 0) {
                return deviceCountFailure(count, driver, runtime);
            }
            if (count.count() == 0) {
                return noGpu("cudaGetDeviceCount found 0 devices", driver, runtime);
            }
            if (device >= count.count()) {
                return Availability.unavailable("CUDA device " + device + " was requested (" + CudaBackendProvider.DEVICE_PROPERTY
                                + ") but only " + count.count() + " GPU(s) are visible",
                        "Use -D" + CudaBackendProvider.DEVICE_PROPERTY + "=0.." + (count.count() - 1)
                                + ", or check CUDA_VISIBLE_DEVICES");
            }
            ProbeTarget.DeviceInfo info = target.device(device);
            if (info.major() < MIN_MAJOR || (info.major() == MIN_MAJOR && info.minor() < MIN_MINOR)) {
                return Availability.unavailable("GPU " + device + " (" + info.name() + ") has compute capability "
                                + info.major() + "." + info.minor() + "; CUDA 13 compiles for " + MIN_MAJOR + "." + MIN_MINOR
                                + " (Turing) or newer",
                        "Select a newer GPU with -D" + CudaBackendProvider.DEVICE_PROPERTY + ", or use the CPU backend");
            }
            try {
                target.loadBlas();
            } catch (LinkageError e) {
                return loadFailure("cuBLAS", e);
            }
            String nvrtc;
            try {
                nvrtc = target.loadNvrtc();
            } catch (LinkageError e) {
                return loadFailure("NVRTC", e);
            }
            return Availability.available("CUDA driver " + version(driver) + ", runtime " + version(runtime) + ", NVRTC " + nvrtc
                    + "; cuda:" + device + " = " + info.name() + " (" + info.arch() + ", " + info.multiprocessors() + " SMs, "
                    + Bytes.format(info.totalBytes()) + "), " + count.count() + " GPU(s) visible");
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable("the CUDA probe failed unexpectedly: " + e,
                    "Run with -D" + BackendRequest.PROPERTY + "=cpu to use the CPU backend, and report this with the message");
        }
    }

    /** Turns a failed library load into the missing piece and how to install it. */
    static Availability loadFailure(String what, Throwable error) {
        String messages = messages(error);
        String detail = firstLine(deepestMessage(error));
        Matcher missing = MISSING_LIBRARY.matcher(messages);
        if (missing.find()) {
            return missingLibrary(missing.group(1));
        }
        String lower = messages.toLowerCase(Locale.ROOT);
        if (lower.contains("undefined symbol") || lower.contains("symbol lookup error") || lower.contains("version `")) {
            return Availability.unavailable(what + " libraries found here are incompatible with the CUDA 13.1 bindings ("
                            + detail + ")",
                    "Install CUDA 13.x libraries (runtime, cuBLAS and NVRTC of the same release) and put them first on LD_LIBRARY_PATH");
        }
        if (lower.contains("org/bytedeco/cuda") && !lower.contains("could not initialize")) {
            return Availability.unavailable("the Java bindings of CUDA (org.bytedeco:cuda) are not on the classpath",
                    "Add org.bytedeco:cuda:13.1-9.19-1.5.13 and its linux-x86_64 classifier jar as dependencies");
        }
        if (lower.contains("permission denied") || lower.contains("could not create") || lower.contains("read-only file system")) {
            return Availability.unavailable("JavaCPP could not extract the CUDA JNI libraries (" + detail + ")",
                    "Make ~/.javacpp/cache writable, or point -Dorg.bytedeco.javacpp.cachedir at a writable, executable directory");
        }
        if (lower.contains("no jni") && lower.contains("java.library.path")) {
            return Availability.unavailable("the CUDA JNI libraries for " + platform() + " are missing (" + detail + ")",
                    "Add the org.bytedeco:cuda:13.1-9.19-1.5.13 jar with classifier linux-x86_64; Ithaca's CUDA backend runs on linux-x86_64 only");
        }
        return Availability.unavailable(what + " could not be loaded (" + detail + ")",
                "Check that the NVIDIA driver and the CUDA 13 libraries are installed and on LD_LIBRARY_PATH");
    }

    private static Availability missingLibrary(String library) {
        if (library.startsWith("libcuda.so")) {
            return Availability.unavailable("no NVIDIA driver (" + library + " not found)",
                    "Install the NVIDIA driver (R580 or newer for CUDA 13); in a container, give it the GPU"
                            + " (e.g. docker run --gpus all)");
        }
        String remedy = " and put its lib directory on LD_LIBRARY_PATH";
        if (library.startsWith("libcudart")) {
            return Availability.unavailable("CUDA runtime 13 not found (" + library + ")",
                    "Install the CUDA 13 runtime (the CUDA toolkit, or pip's nvidia-cuda-runtime)" + remedy);
        }
        if (library.startsWith("libcublas")) {
            return Availability.unavailable("cuBLAS 13 not found (" + library + ")",
                    "Install cuBLAS for CUDA 13 (the CUDA toolkit, or pip's nvidia-cublas)" + remedy);
        }
        if (library.startsWith("libnvrtc")) {
            return Availability.unavailable("NVRTC 13 not found (" + library + ")",
                    "Install NVRTC for CUDA 13 (the CUDA toolkit, or pip's nvidia-cuda-nvrtc)" + remedy);
        }
        return Availability.unavailable("a library the CUDA bindings need was not found (" + library + ")",
                "Install it" + remedy);
    }

    private static Availability deviceCountFailure(ProbeTarget.DeviceCount count, int driver, int runtime) {
        String call = "cudaGetDeviceCount: " + count.statusName() + " (" + count.status() + ")";
        return switch (count.status()) {
            case ERROR_NO_DEVICE -> noGpu(call, driver, runtime);
            case ERROR_INSUFFICIENT_DRIVER -> driver <= 0
                    ? Availability.unavailable("the libcuda.so.1 found is not a working NVIDIA driver (" + call + ")",
                            "Install the NVIDIA driver (R580 or newer for CUDA 13) and make sure its libcuda.so.1 comes first on the library path")
                    : Availability.unavailable("the NVIDIA driver supports CUDA " + version(driver)
                            + " but the CUDA runtime here is " + version(runtime) + " (" + call + ")",
                    "Upgrade the NVIDIA driver to one for CUDA " + version(runtime) + " or newer (R580+ for CUDA 13)");
            case ERROR_STUB_LIBRARY -> Availability.unavailable("the libcuda.so.1 found is the CUDA toolkit's stub, not the NVIDIA driver ("
                            + call + ")",
                    "Remove the toolkit's lib64/stubs directory from LD_LIBRARY_PATH and install the NVIDIA driver");
            case ERROR_SYSTEM_DRIVER_MISMATCH -> Availability.unavailable("the NVIDIA kernel module and the driver library differ in version ("
                            + call + ")",
                    "Reboot after a driver update, or reinstall the NVIDIA driver");
            default -> Availability.unavailable("no usable GPU (" + call + ", driver " + version(driver) + ", runtime "
                            + version(runtime) + ")",
                    "Check nvidia-smi; in a container, give it the GPU (e.g. docker run --gpus all)");
        };
    }

    private static Availability noGpu(String detail, int driver, int runtime) {
        return Availability.unavailable("no GPU visible (" + detail + "; driver " + version(driver) + ", runtime " + version(runtime) + ")",
                "Check nvidia-smi and CUDA_VISIBLE_DEVICES; in a container, give it the GPU (e.g. docker run --gpus all)");
    }

    /** 13000 as "13.0", 12080 as "12.8", 0 as "none". */
    static String version(int cudaVersion) {
        if (cudaVersion <= 0) {
            return "none";
        }
        return cudaVersion / 1000 + "." + (cudaVersion % 1000) / 10;
    }

    /** Every message along the cause chain (and of an ExceptionInInitializerError's exception), joined. */
    private static String messages(Throwable error) {
        List<String> parts = new ArrayList<>();
        Throwable t = error;
        for (int depth = 0; t != null && depth < 16; depth++) {
            parts.add(t.toString());
            Throwable next = t.getCause();
            if (next == null && t instanceof ExceptionInInitializerError init) {
                next = init.getException();
            }
            t = next == t ? null : next;
        }
        return String.join(" | ", parts);
    }

    /** The message of the innermost cause that has one: what actually went wrong. */
    private static String deepestMessage(Throwable error) {
        String message = String.valueOf(error);
        Throwable t = error;
        for (int depth = 0; t != null && depth < 16; depth++) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
            Throwable next = t.getCause();
            if (next == null && t instanceof ExceptionInInitializerError init) {
                next = init.getException();
            }
            t = next == t ? null : next;
        }
        return message;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() > 400 ? line.substring(0, 400) + "..." : line;
    }

    private static String platform() {
        return System.getProperty("os.name", "?").toLowerCase(Locale.ROOT) + "-" + System.getProperty("os.arch", "?");
    }
}
