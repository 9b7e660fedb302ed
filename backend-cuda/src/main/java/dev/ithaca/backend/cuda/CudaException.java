package dev.ithaca.backend.cuda;

/**
 * A CUDA, cuBLAS or NVRTC call that failed. The message names the call, the status and CUDA's own
 * description of it; kernels that fail while running report at the next synchronizing call.
 */
public final class CudaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    CudaException(String call, int status, String description) {
        super(call + " failed with status " + status + " (" + description + ")");
        this.status = status;
    }

    CudaException(String message) {
        super(message);
        this.status = -1;
    }

    /** The status code the call returned (cudaError_t, CUresult, cublasStatus_t or nvrtcResult); -1 if none. */
    public int status() {
        return status;
    }
}
