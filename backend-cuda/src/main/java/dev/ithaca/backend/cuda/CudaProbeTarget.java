package dev.ithaca.backend.cuda;

import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;

/**
 * The probe's native calls on the real CUDA libraries. Only {@link CudaProbe} uses it, and only
 * inside its catch blocks: loading a class that links against a missing library throws there.
 */
final class CudaProbeTarget implements ProbeTarget {

    @Override
    public void loadRuntime() {
        Loader.load(cudart.class);
    }

    @Override
    public int driverVersion() {
        int[] version = {0};
        return cudart.cudaDriverGetVersion(version) == cudart.cudaSuccess ? version[0] : 0;
    }

    @Override
    public int runtimeVersion() {
        int[] version = {0};
        return cudart.cudaRuntimeGetVersion(version) == cudart.cudaSuccess ? version[0] : 0;
    }

    @Override
    public DeviceCount deviceCount() {
        int[] count = {0};
        int status = cudart.cudaGetDeviceCount(count);
        if (status != cudart.cudaSuccess) {
            cudart.cudaGetLastError();   // leave no error behind for later calls
        }
        return new DeviceCount(status, status == cudart.cudaSuccess ? count[0] : 0, CudaStatus.runtimeName(status));
    }

    @Override
    public DeviceInfo device(int index) {
        try (cudaDeviceProp prop = new cudaDeviceProp()) {
            CudaStatus.check(cudart.cudaGetDeviceProperties(prop, index), "cudaGetDeviceProperties(" + index + ")");
            BytePointer name = prop.name();
            return new DeviceInfo(name.getString().trim(), prop.major(), prop.minor(), prop.totalGlobalMem(),
                    prop.multiProcessorCount());
        }
    }

    @Override
    public void loadBlas() {
        Loader.load(cublas.class);
    }

    @Override
    public String loadNvrtc() {
        Loader.load(nvrtc.class);
        int[] major = {0};
        int[] minor = {0};
        CudaStatus.checkNvrtc(nvrtc.nvrtcVersion(major, minor), "nvrtcVersion");
        return major[0] + "." + minor[0];
    }
}
