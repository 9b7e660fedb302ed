package dev.ithaca.io;

import dev.ithaca.spi.Backend;
import dev.ithaca.spi.Strided;
import dev.ithaca.tensor.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a safetensors file crash-safely: everything goes to a fresh temp file in the target's
 * directory, which is fsynced and then renamed over the target in one atomic step. A reader thus
 * sees the old file or the complete new one, never a mix; on any failure the temp file is deleted
 * and the old file is untouched.
 */
final class SafeTensorsWriter {
    private static final Logger LOG = LoggerFactory.getLogger(SafeTensorsWriter.class);

    /** Elements per host transfer: bounds heap use to a few MiB whatever the tensor size. */
    static final int CHUNK_ELEMENTS = 1 << 19;

    private SafeTensorsWriter() {
    }

    /** A tensor with its place in the file. */
    private record Planned(TensorEntry entry, Tensor tensor) {
    }

    static void write(Path file, Map<String, ? extends Tensor> tensors, Map<String, String> metadata) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(metadata, "metadata");
        checkMetadata(metadata);
        List<Planned> plan = plan(tensors);
        byte[] header = HeaderWriter.encode(plan.stream().map(Planned::entry).toList(), metadata);
        if (header.length > SafeTensors.MAX_HEADER_LENGTH) {
            throw new IllegalArgumentException("write: the header for these names and metadata takes " + header.length
                    + " bytes, over the " + SafeTensors.MAX_HEADER_LENGTH + "-byte limit readers accept");
        }

        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new FileSystemException(target.toString(), null, "is a directory, not a checkpoint file");
        }
        Path directory = target.getParent();
        Path temp = createTempSibling(target);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                writeFully(channel, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length));
                writeFully(channel, ByteBuffer.wrap(header));
                ByteBuffer chunk = ByteBuffer.allocate(CHUNK_ELEMENTS * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (Planned planned : plan) {
                    writeData(channel, planned.tensor(), chunk);
                }
                channel.force(true);
            }
            moveIntoPlace(temp, target);
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        syncDirectory(directory);
        LOG.debug("wrote {} tensors ({} header bytes) to {}", plan.size(), header.length, target);
    }

    // ---- planning ----------------------------------------------------------------------------

    /** Checks every tensor up front (before any file exists) and lays them out as the reference does. */
    private static List<Planned> plan(Map<String, ? extends Tensor> tensors) {
        List<Planned> unordered = new ArrayList<>(tensors.size());
        for (Map.Entry<String, ? extends Tensor> item : tensors.entrySet()) {
            String name = item.getKey();
            Tensor tensor = item.getValue();
            if (name == null) {
                throw new IllegalArgumentException("write: tensor names must not be null");
            }
            if (name.equals(HeaderParser.METADATA_KEY)) {
                throw new IllegalArgumentException("write: '" + name + "' is reserved for the metadata map and cannot name a tensor");
            }
            requireWellFormed("tensor name", name);
            if (tensor == null) {
                throw new IllegalArgumentException("write: tensor '" + name + "' is null");
            }
            if (tensor.isClosed()) {
                throw new IllegalArgumentException("write: tensor '" + name + "' (" + tensor.describe() + ") was already freed");
            }
            SafeTensorsDType dtype = SafeTensorsDType.of(tensor.dtype());
            long bytes = Math.multiplyExact(tensor.numel(), (long) tensor.dtype().byteSize());
            unordered.add(new Planned(new TensorEntry(name, dtype, Arrays.stream(tensor.shape()).boxed().toList(), 0, bytes), tensor));
        }
        // descending dtype alignment, then name by UTF-8 bytes (Rust's string order), as the reference sorts
        Comparator<Planned> order = Comparator.<Planned>comparingInt(p -> -p.entry().dtype().ordinal())
                .thenComparing((a, b) -> Arrays.compareUnsigned(utf8(a.entry().name()), utf8(b.entry().name())));
        unordered.sort(order);
        List<Planned> plan = new ArrayList<>(unordered.size());
        long offset = 0;
        for (Planned p : unordered) {
            TensorEntry e = p.entry();
            long end = Math.addExact(offset, e.byteLength());
            plan.add(new Planned(new TensorEntry(e.name(), e.dtype(), e.shape(), offset, end), p.tensor()));
            offset = end;
        }
        return plan;
    }

    private static void checkMetadata(Map<String, String> metadata) {
        long minimumBytes = 0;
        for (Map.Entry<String, String> item : metadata.entrySet()) {
            if (item.getKey() == null || item.getValue() == null) {
                throw new IllegalArgumentException("write: metadata keys and values must not be null, got "
                        + item.getKey() + " -> " + item.getValue());
            }
            requireWellFormed("metadata key", item.getKey());
            requireWellFormed("metadata value of key '" + item.getKey() + "'", item.getValue());
            minimumBytes += item.getKey().length() + item.getValue().length();
        }
        // reject before encoding: every char takes at least one byte, and encoding gigabytes would only fail later
        if (minimumBytes > SafeTensors.MAX_HEADER_LENGTH) {
            throw new IllegalArgumentException("write: metadata takes at least " + minimumBytes + " bytes, over the "
                    + SafeTensors.MAX_HEADER_LENGTH + "-byte header limit readers accept");
        }
    }

    /** JSON (and the reference's UTF-8 check) cannot carry unpaired surrogates. */
    private static void requireWellFormed(String what, String text) {
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
            throw new IllegalArgumentException("write: " + what + " '" + text + "' is not well-formed Unicode (unpaired surrogate)");
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ---- data --------------------------------------------------------------------------------

    /** Streams the tensor's elements in row-major order, a chunk at a time, from its backend to the file. */
    private static void writeData(FileChannel channel, Tensor tensor, ByteBuffer chunk) throws IOException {
        try (Tensor packed = tensor.contiguous()) {
            Strided layout = packed.strided();
            Backend backend = packed.backend();
            long numel = layout.numel();
            Object array = ElementCodec.newArray(layout.dtype(), (int) Math.min(numel, CHUNK_ELEMENTS));
            for (long done = 0; done < numel; ) {
                int count = (int) Math.min(CHUNK_ELEMENTS, numel - done);
                Strided part = new Strided(layout.storage(), layout.dtype(), new long[] {count}, new long[] {1}, layout.offset() + done);
                backend.copyToHost(part, array);
                ElementCodec.encode(layout.dtype(), array, count, chunk);
                writeFully(channel, chunk);
                done += count;
            }
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    // ---- files -------------------------------------------------------------------------------

    /**
     * A new, empty file beside the target. Not {@link Files#createTempFile}: that one is
     * owner-only (0600), and the rename would give the checkpoint those permissions.
     */
    private static Path createTempSibling(Path target) throws IOException {
        Path directory = target.getParent();
        String base = "." + target.getFileName() + ".";
        for (int attempt = 0; ; attempt++) {
            Path candidate = directory.resolve(base + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                Files.newByteChannel(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return candidate;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 9) {
                    throw e;
                }
            }
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            LOG.warn("{} does not support atomic renames; replacing {} non-atomically", target.getParent(), target.getFileName());
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename itself durable; directories cannot be opened for sync on every platform, so best effort. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("could not fsync directory {}: {}", directory, e.toString());
        }
    }
}
