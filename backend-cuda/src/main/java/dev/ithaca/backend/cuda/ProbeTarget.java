package dev.ithaca.backend.cuda;

/**
 * The few native calls the availability probe makes, behind an interface so the probe's
 * classification of every failure can be tested without a GPU. Loading methods throw the
 * {@link LinkageError} the JVM raised; the others never throw for a missing device.
 */
interface ProbeTarget {

    /** Loads the CUDA runtime bindings (libcuda.so.1 from the driver, libcudart.so.13). */
    void loadRuntime();

    /** cudaDriverGetVersion: 13000 for CUDA 13.0, 0 when no driver is installed. */
    int driverVersion();

    /** cudaRuntimeGetVersion. */
    int runtimeVersion();

    /** cudaGetDeviceCount's status and count. */
    DeviceCount deviceCount();

    /** What one visible device is. */
    DeviceInfo device(int index);

    /** Loads the cuBLAS bindings (libcublas.so.13, libcublasLt.so.13). */
    void loadBlas();

    /** Loads the NVRTC bindings (libnvrtc.so.13) and returns its version, e.g. "13.0". */
    String loadNvrtc();

    /**
     * @param status    the cudaError_t cudaGetDeviceCount returned (0 on success)
     * @param count     devices visible to this process
     * @param statusName CUDA's description of the status
     */
    record DeviceCount(int status, int count, String statusName) {
    }

    /** Name, compute capability, memory and multiprocessors of a device. */
    record DeviceInfo(String name, int major, int minor, long totalBytes, int multiprocessors) {
        String arch() {
            return "sm_" + major + minor;
        }
    }
}
