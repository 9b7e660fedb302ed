package dev.ithaca.backend.cuda;

import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.Pointer;

import java.util.ArrayList;
import java.util.List;

/**
 * Copies between Java arrays and device memory through two pinned (page-locked) staging buffers,
 * the only host memory CUDA copies truly asynchronously. Uploads return once the data sits in a
 * staging buffer and its copy is queued on the stream, so the host prepares the next chunk (or the
 * next batch) while the GPU copies; a buffer is reused after its event says the previous copy
 * finished. Downloads pipeline the same way and return when the array is filled. One transfer
 * runs at a time; callers from several threads take turns.
 */
final class HostTransfers implements AutoCloseable {
    /** Size of each staging buffer; large arrays move in chunks of this size. */
    static final long CHUNK_BYTES = 8L << 20;

    /** A slice of an array: its first element and element count. */
    record Chunk(long first, int count) {
    }

    private final DeviceContext context;
    private final CudaStream stream;
    private final Staging[] staging = new Staging[2];
    /** The buffer the next transfer starts with: alternating, so back-to-back small uploads do not wait on each other. */
    private int next;

    HostTransfers(DeviceContext context, CudaStream stream) {
        this.context = context;
        this.stream = stream;
    }

    /** Splits {@code elements} elements of {@code elementSize} bytes into chunks of at most {@code chunkBytes} bytes. */
    static List<Chunk> chunks(long elements, int elementSize, long chunkBytes) {
        long perChunk = Math.max(1, chunkBytes / elementSize);
        List<Chunk> chunks = new ArrayList<>();
        for (long first = 0; first < elements; first += perChunk) {
            chunks.add(new Chunk(first, (int) Math.min(perChunk, elements - first)));
        }
        return chunks;
    }

    /** Queues the upload of the first {@code elements} elements of {@code array} to {@code deviceAddress}. */
    synchronized void toDevice(Object array, long deviceAddress, long elements, int elementSize) {
        context.bind();
        List<Chunk> chunks = chunks(elements, elementSize, CHUNK_BYTES);
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            Staging buffer = staging(next++);
            buffer.awaitPreviousCopy();
            HostArrays.copyIn(array, (int) chunk.first(), chunk.count(), buffer.address);
            long bytes = (long) chunk.count() * elementSize;
            CudaStatus.check(cudart.cudaMemcpyAsync(DevicePointers.at(deviceAddress + chunk.first() * elementSize),
                    DevicePointers.at(buffer.address), bytes, cudart.cudaMemcpyHostToDevice, stream.handle()), "cudaMemcpyAsync(host to device)");
            buffer.recordCopy(stream);
        }
    }

    /** Fills the first {@code elements} elements of {@code array} from {@code deviceAddress}, after all queued work. */
    synchronized void toHost(long deviceAddress, Object array, long elements, int elementSize) {
        context.bind();
        List<Chunk> chunks = chunks(elements, elementSize, CHUNK_BYTES);
        int first = next;
        next += chunks.size();
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            Staging buffer = staging((first + i) % 2);
            CudaStatus.check(cudart.cudaMemcpyAsync(DevicePointers.at(buffer.address),
                    DevicePointers.at(deviceAddress + chunk.first() * elementSize), (long) chunk.count() * elementSize,
                    cudart.cudaMemcpyDeviceToHost, stream.handle()), "cudaMemcpyAsync(device to host)");
            buffer.recordCopy(stream);
            if (i > 0) {
                drain(chunks.get(i - 1), staging((first + i - 1) % 2), array);
            }
        }
        if (!chunks.isEmpty()) {
            drain(chunks.get(chunks.size() - 1), staging((first + chunks.size() - 1) % 2), array);
        }
    }

    private static void drain(Chunk chunk, Staging buffer, Object array) {
        buffer.awaitPreviousCopy();
        HostArrays.copyOut(buffer.address, array, (int) chunk.first(), chunk.count());
    }

    /** The staging buffer of a transfer's {@code turn}-th chunk, counting across transfers. */
    private Staging staging(int turn) {
        int i = Math.floorMod(turn, 2);
        if (staging[i] == null) {
            staging[i] = new Staging(CHUNK_BYTES);
        }
        return staging[i];
    }

    @Override
    public synchronized void close() {
        context.bind();
        for (int i = 0; i < staging.length; i++) {
            if (staging[i] != null) {
                staging[i].close();
                staging[i] = null;
            }
        }
    }

    /** A pinned host buffer and the event of the last copy that used it. */
    private static final class Staging {
        final long address;
        private final CUevent_st event = new CUevent_st();

        Staging(long bytes) {
            Pointer block = new Pointer();
            CudaStatus.check(cudart.cudaMallocHost(block, bytes), "cudaMallocHost(" + bytes + ")");
            this.address = block.address();
            CudaStatus.check(cudart.cudaEventCreateWithFlags(event, cudart.cudaEventDisableTiming), "cudaEventCreateWithFlags");
        }

        /** An event never recorded counts as complete. */
        void awaitPreviousCopy() {
            CudaStatus.check(cudart.cudaEventSynchronize(event), "cudaEventSynchronize");
        }

        void recordCopy(CudaStream stream) {
            CudaStatus.check(cudart.cudaEventRecord(event, stream.handle()), "cudaEventRecord");
        }

        void close() {
            awaitPreviousCopy();
            CudaStatus.check(cudart.cudaEventDestroy(event), "cudaEventDestroy");
            CudaStatus.check(cudart.cudaFreeHost(DevicePointers.at(address)), "cudaFreeHost");
        }
    }
}
