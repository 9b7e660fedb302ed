package dev.ithaca.backend.cuda;

import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.SizeTPointer;

/** {@link DeviceMemory} on the GPU; binds the device first, since frees may come from the Cleaner's thread. */
final class CudaDeviceMemory implements DeviceMemory {
    private final DeviceContext context;

    CudaDeviceMemory(DeviceContext context) {
        this.context = context;
    }

    @Override
    public long allocate(long bytes) {
        context.bind();
        Pointer block = new Pointer();
        int status = cudart.cudaMalloc(block, bytes);
        if (status == cudart.cudaErrorMemoryAllocation) {
            cudart.cudaGetLastError();   // clears the error, so it does not surface at an unrelated later call
            return 0;
        }
        CudaStatus.check(status, "cudaMalloc(" + bytes + ")");
        return block.address();
    }

    @Override
    public void free(long address) {
        context.bind();
        CudaStatus.check(cudart.cudaFree(DevicePointers.at(address)), "cudaFree");
    }

    @Override
    public Info info() {
        context.bind();
        try (SizeTPointer free = new SizeTPointer(1); SizeTPointer total = new SizeTPointer(1)) {
            CudaStatus.check(cudart.cudaMemGetInfo(free, total), "cudaMemGetInfo");
            return new Info(free.get(), total.get());
        }
    }

    @Override
    public String device() {
        return "cuda:" + context.index();
    }
}
