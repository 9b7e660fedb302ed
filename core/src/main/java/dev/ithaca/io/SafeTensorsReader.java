package dev.ithaca.io;

import dev.ithaca.memory.Scope;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.Strided;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads safetensors files. The header is length-checked against the cap and the file size before a
 * single byte of it is allocated, then parsed and validated in full before any tensor is; tensor
 * data is then streamed in bounded chunks straight into backend memory.
 */
final class SafeTensorsReader {
    private static final Logger LOG = LoggerFactory.getLogger(SafeTensorsReader.class);

    private SafeTensorsReader() {
    }

    static SafeTensorsHeader readHeader(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(file, channel);
        }
    }

    static LoadedTensors read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            SafeTensorsHeader header = readHeader(file, channel);
            for (TensorEntry entry : header.tensors()) {
                if (entry.dtype().loadsAs().isEmpty()) {
                    throw new CheckpointFormatException(file, "tensor '" + entry.name() + "' has dtype " + entry.dtype()
                            + ", which Ithaca cannot load (it loads " + SafeTensorsDType.loadableNames() + ")");
                }
            }
            ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(SafeTensorsWriter.CHUNK_ELEMENTS * (long) Long.BYTES,
                    header.dataLength())).order(ByteOrder.LITTLE_ENDIAN);
            // tensors made here die with the scope if anything fails; on success they are detached to the caller
            try (Scope scope = Scope.open()) {
                Map<String, Tensor> tensors = new LinkedHashMap<>();
                for (TensorEntry entry : header.tensors()) {
                    tensors.put(entry.name(), readTensor(file, channel, header.dataStart(), entry, chunk));
                }
                List<Tensor> created = List.copyOf(tensors.values());
                for (int i = created.size() - 1; i >= 0; i--) {
                    scope.detach(created.get(i)); // newest first: each detach then finds its tensor at the end
                }
                LOG.debug("read {} tensors from {}", tensors.size(), file);
                return new LoadedTensors(tensors, header.metadata());
            }
        }
    }

    private static SafeTensorsHeader readHeader(Path file, FileChannel channel) throws IOException {
        long fileSize = channel.size();
        if (fileSize < 8) {
            throw new CheckpointFormatException(file, "the file is truncated: it has " + fileSize
                    + " bytes, fewer than the 8-byte header length that starts every safetensors file");
        }
        ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, channel, prefix, 0);
        long headerLength = prefix.getLong(0); // u64; values of 2^63 and more read as negative
        if (headerLength < 0 || headerLength > SafeTensors.MAX_HEADER_LENGTH) {
            throw new CheckpointFormatException(file, "the header length " + Long.toUnsignedString(headerLength)
                    + " exceeds the limit of " + SafeTensors.MAX_HEADER_LENGTH + " bytes (not a safetensors file, or corrupt)");
        }
        if (headerLength > fileSize - 8) {
            throw new CheckpointFormatException(file, "the header length " + headerLength + " is larger than the "
                    + (fileSize - 8) + " bytes that follow it (the file is truncated or not a safetensors file)");
        }
        ByteBuffer header = ByteBuffer.allocate((int) headerLength);
        readFully(file, channel, header, 8);
        return new HeaderParser(file).parse(header.array(), fileSize - 8 - headerLength);
    }

    private static Tensor readTensor(Path file, FileChannel channel, long dataStart, TensorEntry entry, ByteBuffer chunk)
            throws IOException {
        DType target = entry.dtype().loadsAs().orElseThrow();
        int elementBytes = entry.dtype().bits() / 8;
        long numel = entry.numel();
        Tensor tensor = Tensor.zeros(target, entry.shapeArray());
        Strided layout = tensor.strided();
        Backend backend = tensor.backend();
        Object array = ElementCodec.newArray(target, (int) Math.min(numel, SafeTensorsWriter.CHUNK_ELEMENTS));
        long position = dataStart + entry.begin();
        for (long done = 0; done < numel; ) {
            int count = (int) Math.min(SafeTensorsWriter.CHUNK_ELEMENTS, numel - done);
            chunk.clear().limit(count * elementBytes);
            readFully(file, channel, chunk, position);
            chunk.flip();
            ElementCodec.decode(entry.dtype(), chunk, array, count);
            backend.copyFromHost(array, new Strided(layout.storage(), target, new long[] {count}, new long[] {1},
                    layout.offset() + done));
            done += count;
            position += (long) count * elementBytes;
        }
        return tensor;
    }

    private static void readFully(Path file, FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                // the size was checked before reading, so the file shrank while we read it
                throw new CheckpointFormatException(file, "the file ended at byte " + at + " while reading; it is truncated"
                        + " (was it being written concurrently?)");
            }
            at += read;
        }
    }
}
