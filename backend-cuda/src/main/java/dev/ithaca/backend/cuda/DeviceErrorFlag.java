package dev.ithaca.backend.cuda;

import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.Pointer;

import java.util.function.LongConsumer;

/**
 * A device word kernels set when an input is invalid (an index out of range, a negative integer
 * power), so a bad value becomes a clear IllegalArgumentException on the host instead of a wild
 * memory access or a dead CUDA context. Checking costs one 4-byte copy and a stream
 * synchronization, so only ops that can fail this way use it; one check runs at a time.
 */
final class DeviceErrorFlag implements AutoCloseable {
    private final DeviceContext context;
    private final CudaStream stream;
    private final CudaStorage word;
    private final long pinned;

    DeviceErrorFlag(DeviceContext context, CudaStream stream, DeviceAllocator allocator) {
        this.context = context;
        this.stream = stream;
        this.word = new CudaStorage(allocator, Integer.BYTES);
        Pointer host = new Pointer();
        CudaStatus.check(cudart.cudaMallocHost(host, Integer.BYTES), "cudaMallocHost(4)");
        this.pinned = host.address();
    }

    /**
     * Clears the word, runs {@code launches} (which receive its device address), and returns the
     * code a kernel left there: 0 when every input was valid.
     */
    synchronized int run(LongConsumer launches) {
        context.bind();
        CudaStatus.check(cudart.cudaMemsetAsync(DevicePointers.at(word.address()), 0, Integer.BYTES, stream.handle()),
                "cudaMemsetAsync(error flag)");
        launches.accept(word.address());
        CudaStatus.check(cudart.cudaMemcpyAsync(DevicePointers.at(pinned), DevicePointers.at(word.address()), Integer.BYTES,
                cudart.cudaMemcpyDeviceToHost, stream.handle()), "cudaMemcpyAsync(error flag)");
        stream.synchronize();
        return DevicePointers.ints(pinned).get();
    }

    /** The flag's device address, for kernels that take the word but whose caller never checks it. */
    long address() {
        return word.address();
    }

    @Override
    public synchronized void close() {
        context.bind();
        word.release();
        CudaStatus.check(cudart.cudaFreeHost(DevicePointers.at(pinned)), "cudaFreeHost");
    }
}
