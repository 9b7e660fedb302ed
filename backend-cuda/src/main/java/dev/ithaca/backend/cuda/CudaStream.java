package dev.ithaca.backend.cuda;

import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cudart;

/**
 * The one stream all of a backend's work goes to, in issue order. One stream per device is what
 * lets the caching allocator hand a freed block to the next allocation without events: every later
 * use of the block is queued after every earlier one (PyTorch's allocator relies on the same).
 * Non-blocking, so it never serializes with the legacy default stream of other libraries.
 */
final class CudaStream implements AutoCloseable {
    private final CUstream_st handle = new CUstream_st();

    CudaStream() {
        CudaStatus.check(cudart.cudaStreamCreateWithFlags(handle, cudart.cudaStreamNonBlocking), "cudaStreamCreateWithFlags");
    }

    CUstream_st handle() {
        return handle;
    }

    /** Waits for all queued work; an error of an earlier kernel surfaces here. */
    void synchronize() {
        CudaStatus.check(cudart.cudaStreamSynchronize(handle), "cudaStreamSynchronize");
    }

    @Override
    public void close() {
        if (!handle.isNull()) {
            CudaStatus.check(cudart.cudaStreamDestroy(handle), "cudaStreamDestroy");
            handle.setNull();
        }
    }
}
