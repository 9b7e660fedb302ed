package dev.ithaca.backend.cuda;

import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/** Turns the status codes of the CUDA runtime, driver, cuBLAS and NVRTC into {@link CudaException}s. */
final class CudaStatus {
    private CudaStatus() {
    }

    static void check(int status, String call) {
        if (status != cudart.cudaSuccess) {
            throw new CudaException(call, status, runtimeName(status));
        }
    }

    static void checkDriver(int result, String call) {
        if (result != cudart.CUDA_SUCCESS) {
            throw new CudaException(call, result, driverName(result));
        }
    }

    static void checkBlas(int status, String call) {
        if (status != cublas.CUBLAS_STATUS_SUCCESS) {
            throw new CudaException(call, status, string(cublas.cublasGetStatusString(status)));
        }
    }

    static void checkNvrtc(int result, String call) {
        if (result != nvrtc.NVRTC_SUCCESS) {
            throw new CudaException(call, result, string(nvrtc.nvrtcGetErrorString(result)));
        }
    }

    static String runtimeName(int status) {
        return string(cudart.cudaGetErrorString(status));
    }

    static String driverName(int result) {
        BytePointer name = new BytePointer((Pointer) null);   // receives a pointer to a static string: nothing to free
        return cudart.cuGetErrorString(result, name) == cudart.CUDA_SUCCESS ? string(name) : "unknown CUresult";
    }

    private static String string(BytePointer p) {
        return p == null || p.isNull() ? "no description" : p.getString();
    }
}
