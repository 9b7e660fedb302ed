package dev.ithaca.backend.cuda;

import dev.ithaca.spi.Availability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The probe's verdict for every way CUDA can be missing, with failures injected through a fake target. */
class CudaProbeTest {

    /** A machine described by its answers; each call is recorded. */
    private static final class FakeTarget implements ProbeTarget {
        final List<String> calls = new ArrayList<>();
        Supplier<LinkageError> runtimeFailure;
        Supplier<LinkageError> blasFailure;
        Supplier<LinkageError> nvrtcFailure;
        RuntimeException driverVersionFailure;
        int driver = 13000;
        int runtime = 13000;
        DeviceCount count = new DeviceCount(0, 1, "no error");
        DeviceInfo info = new DeviceInfo("NVIDIA H100 80GB HBM3", 9, 0, 85_520_809_984L, 132);

        @Override
        public void loadRuntime() {
            calls.add("loadRuntime");
            if (runtimeFailure != null) {
                throw runtimeFailure.get();
            }
        }

        @Override
        public int driverVersion() {
            calls.add("driverVersion");
            if (driverVersionFailure != null) {
                throw driverVersionFailure;
            }
            return driver;
        }

        @Override
        public int runtimeVersion() {
            calls.add("runtimeVersion");
            return runtime;
        }

        @Override
        public DeviceCount deviceCount() {
            calls.add("deviceCount");
            return count;
        }

        @Override
        public DeviceInfo device(int index) {
            calls.add("device " + index);
            return info;
        }

        @Override
        public void loadBlas() {
            calls.add("loadBlas");
            if (blasFailure != null) {
                throw blasFailure.get();
            }
        }

        @Override
        public String loadNvrtc() {
            calls.add("loadNvrtc");
            if (nvrtcFailure != null) {
                throw nvrtcFailure.get();
            }
            return "13.0";
        }
    }

    /** What JavaCPP throws on a machine without the driver (recorded on this build machine). */
    private static UnsatisfiedLinkError javacppLinkError(String missingLibrary) {
        UnsatisfiedLinkError outer = new UnsatisfiedLinkError(
                "no jnicudart in java.library.path: /usr/java/packages/lib:/usr/lib/x86_64-linux-gnu/jni:/lib/x86_64-linux-gnu");
        outer.initCause(new UnsatisfiedLinkError("/root/.javacpp/cache/cuda-13.1-9.19-1.5.13-linux-x86_64.jar/org/bytedeco/cuda/"
                + "linux-x86_64/libjnicudart.so: " + missingLibrary + ": cannot open shared object file: No such file or directory"));
        return outer;
    }

    private static Availability probe(FakeTarget target) {
        return CudaProbe.probe(target, 0);
    }

    private static void assertUnavailable(Availability availability, String... reasonFragments) {
        assertThat(availability.available()).as("available: %s", availability).isFalse();
        assertThat(availability.reason()).contains(reasonFragments);
        assertThat(availability.remedy()).as("every verdict says how to fix it").isNotBlank();
    }

    @Test
    void missingDriverLibraryMeansNoNvidiaDriver() {
        FakeTarget target = new FakeTarget();
        target.runtimeFailure = () -> javacppLinkError("libcuda.so.1");
        Availability availability = probe(target);
        assertUnavailable(availability, "no NVIDIA driver (libcuda.so.1 not found)");
        assertThat(availability.remedy()).contains("driver");
        assertThat(target.calls).as("nothing else is touched once the runtime cannot load").containsExactly("loadRuntime");
    }

    @Test
    void aSecondLoadAttemptReportsTheOriginalCause() {
        // after a failed static initializer the JVM throws NoClassDefFoundError whose cause holds the first error
        FakeTarget target = new FakeTarget();
        target.runtimeFailure = () -> {
            NoClassDefFoundError again = new NoClassDefFoundError("Could not initialize class org.bytedeco.cuda.global.cudart");
            again.initCause(new ExceptionInInitializerError(javacppLinkError("libcuda.so.1")));
            return again;
        };
        assertUnavailable(probe(target), "no NVIDIA driver");
    }

    @Test
    void missingRuntimeLibraryMeansNoCuda13Runtime() {
        FakeTarget target = new FakeTarget();
        target.runtimeFailure = () -> javacppLinkError("libcudart.so.13");
        Availability availability = probe(target);
        assertUnavailable(availability, "CUDA runtime 13 not found", "libcudart.so.13");
        assertThat(availability.remedy()).contains("LD_LIBRARY_PATH");
    }

    @ParameterizedTest
    @CsvSource({"libcublas.so.13, cuBLAS 13 not found", "libcublasLt.so.13, cuBLAS 13 not found"})
    void missingCublasIsNamed(String library, String reason) {
        FakeTarget target = new FakeTarget();
        target.blasFailure = () -> new UnsatisfiedLinkError("libjnicublas.so: " + library + ": cannot open shared object file");
        assertUnavailable(probe(target), reason, library);
        assertThat(target.calls).doesNotContain("loadNvrtc");
    }

    @Test
    void missingNvrtcIsNamed() {
        FakeTarget target = new FakeTarget();
        target.nvrtcFailure = () -> new UnsatisfiedLinkError("libjninvrtc.so: libnvrtc.so.13: cannot open shared object file");
        assertUnavailable(probe(target), "NVRTC 13 not found");
    }

    @Test
    void missingBindingsJarIsNamed() {
        FakeTarget target = new FakeTarget();
        target.runtimeFailure = () -> new NoClassDefFoundError("org/bytedeco/cuda/global/cudart");
        Availability availability = probe(target);
        assertUnavailable(availability, "org.bytedeco:cuda", "not on the classpath");
        assertThat(availability.remedy()).contains("13.1-9.19-1.5.13");
    }

    @Test
    void missingJniLibrariesForThePlatformAreNamed() {
        FakeTarget target = new FakeTarget();
        target.runtimeFailure = () -> new UnsatisfiedLinkError("no jnicudart in java.library.path: /usr/lib");
        Availability availability = probe(target);
        assertUnavailable(availability, "JNI libraries", "missing");
        assertThat(availability.remedy()).contains("linux-x86_64");
    }

    @Test
    void librariesOfTheWrongReleaseAreNamedIncompatible() {
        FakeTarget target = new FakeTarget();
        target.runtimeFailure = () -> new UnsatisfiedLinkError("libjnicudart.so: undefined symbol: cudaGraphGetId");
        assertUnavailable(probe(target), "incompatible", "cudaGraphGetId");
    }

    @Test
    void anUnwritableJavacppCacheIsNamed() {
        FakeTarget target = new FakeTarget();
        target.runtimeFailure = () -> new UnsatisfiedLinkError("Could not create directory /home/x/.javacpp/cache: Permission denied");
        Availability availability = probe(target);
        assertUnavailable(availability, "JavaCPP could not extract");
        assertThat(availability.remedy()).contains("org.bytedeco.javacpp.cachedir");
    }

    @Test
    void anUnrecognisedLoadFailureStillSaysWhatFailed() {
        FakeTarget target = new FakeTarget();
        target.runtimeFailure = () -> new UnsatisfiedLinkError("something new went wrong");
        assertUnavailable(probe(target), "the CUDA runtime could not be loaded", "something new went wrong");
    }

    @Test
    void noDeviceStatusMeansNoGpuVisible() {
        FakeTarget target = new FakeTarget();
        target.count = new ProbeTarget.DeviceCount(CudaProbe.ERROR_NO_DEVICE, 0, "no CUDA-capable device is detected");
        Availability availability = probe(target);
        assertUnavailable(availability, "no GPU visible", "no CUDA-capable device is detected", "driver 13.0", "runtime 13.0");
        assertThat(availability.remedy()).contains("CUDA_VISIBLE_DEVICES");
    }

    @Test
    void zeroDevicesMeansNoGpuVisible() {
        FakeTarget target = new FakeTarget();
        target.count = new ProbeTarget.DeviceCount(0, 0, "no error");
        assertUnavailable(probe(target), "no GPU visible");
    }

    @Test
    void anOldDriverReportsBothVersions() {
        FakeTarget target = new FakeTarget();
        target.driver = 12020;
        target.count = new ProbeTarget.DeviceCount(CudaProbe.ERROR_INSUFFICIENT_DRIVER, 0, "CUDA driver version is insufficient");
        Availability availability = probe(target);
        assertUnavailable(availability, "supports CUDA 12.2", "runtime here is 13.0");
        assertThat(availability.remedy()).contains("Upgrade the NVIDIA driver");
    }

    @Test
    void aLibcudaThatIsNoWorkingDriverIsNamed() {
        // what a stray libcuda.so.1 without the driver's entry points gives (reproduced here with an empty stub library)
        FakeTarget target = new FakeTarget();
        target.driver = 0;
        target.count = new ProbeTarget.DeviceCount(CudaProbe.ERROR_INSUFFICIENT_DRIVER, 0,
                "CUDA driver version is insufficient for CUDA runtime version");
        Availability availability = probe(target);
        assertUnavailable(availability, "not a working NVIDIA driver", "(35)");
        assertThat(availability.remedy()).contains("R580");
    }

    @Test
    void theToolkitStubInsteadOfTheDriverIsNamed() {
        FakeTarget target = new FakeTarget();
        target.count = new ProbeTarget.DeviceCount(CudaProbe.ERROR_STUB_LIBRARY, 0, "CUDA driver is a stub library");
        Availability availability = probe(target);
        assertUnavailable(availability, "stub");
        assertThat(availability.remedy()).contains("stubs");
    }

    @Test
    void aKernelModuleMismatchIsNamed() {
        FakeTarget target = new FakeTarget();
        target.count = new ProbeTarget.DeviceCount(CudaProbe.ERROR_SYSTEM_DRIVER_MISMATCH, 0, "system has unsupported display driver");
        assertUnavailable(probe(target), "kernel module");
    }

    @Test
    void anyOtherDeviceCountErrorCarriesCudasDescription() {
        FakeTarget target = new FakeTarget();
        target.count = new ProbeTarget.DeviceCount(999, 0, "unknown error");
        assertUnavailable(probe(target), "no usable GPU", "unknown error (999)");
    }

    @Test
    void aDeviceIndexBeyondTheVisibleOnesNamesTheRange() {
        FakeTarget target = new FakeTarget();
        target.count = new ProbeTarget.DeviceCount(0, 2, "no error");
        Availability availability = CudaProbe.probe(target, 3);
        assertUnavailable(availability, "CUDA device 3", CudaBackendProvider.DEVICE_PROPERTY, "only 2 GPU(s)");
        assertThat(availability.remedy()).contains("=0..1");
    }

    @ParameterizedTest
    @CsvSource({"Tesla P100, 6, 0", "Tesla V100, 7, 0", "Jetson AGX Xavier, 7, 2"})
    void aGpuOlderThanTuringIsRefused(String name, int major, int minor) {
        FakeTarget target = new FakeTarget();
        target.info = new ProbeTarget.DeviceInfo(name, major, minor, 16L << 30, 56);
        assertUnavailable(probe(target), name, "compute capability " + major + "." + minor, "7.5 (Turing) or newer");
        assertThat(target.calls).doesNotContain("loadBlas");
    }

    @Test
    void aTuringGpuIsAccepted() {
        FakeTarget target = new FakeTarget();
        target.info = new ProbeTarget.DeviceInfo("Tesla T4", 7, 5, 15L << 30, 40);
        assertThat(probe(target).reason()).contains("Tesla T4 (sm_75");
    }

    @Test
    void aWorkingMachineReportsVersionsAndTheDevice() {
        FakeTarget target = new FakeTarget();
        Availability availability = probe(target);
        assertThat(availability.available()).isTrue();
        assertThat(availability.reason()).contains("CUDA driver 13.0", "runtime 13.0", "NVRTC 13.0", "cuda:0 = NVIDIA H100 80GB HBM3",
                "sm_90", "132 SMs", "79.6 GiB", "1 GPU(s) visible");
        assertThat(target.calls).containsExactly("loadRuntime", "driverVersion", "runtimeVersion", "deviceCount", "device 0",
                "loadBlas", "loadNvrtc");
    }

    @Test
    void anUnexpectedFailureBecomesAVerdictInsteadOfAnException() {
        FakeTarget target = new FakeTarget();
        target.driverVersionFailure = new IllegalStateException("driver exploded");
        assertUnavailable(probe(target), "failed unexpectedly", "driver exploded");
    }

    @ParameterizedTest
    @CsvSource({"13000, 13.0", "12080, 12.8", "13010, 13.1", "0, none"})
    void cudaVersionsReadAsMajorDotMinor(int version, String text) {
        assertThat(CudaProbe.version(version)).isEqualTo(text);
    }
}
