package dev.ithaca.backend.cuda;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Compiled modules kept between runs, one file per {@link CubinKey}. Each file carries a magic
 * number, the payload length and its SHA-256, so a truncated or corrupted entry is detected,
 * deleted and recompiled instead of crashing the driver. Writes go to a temporary file in the same
 * directory, are forced to disk and atomically renamed, so readers (other JVMs too) only ever see
 * complete entries. The cache is an optimization: an unreadable or unwritable directory is logged
 * and the backend carries on compiling.
 */
final class CubinDiskCache {
    private static final Logger LOG = LoggerFactory.getLogger(CubinDiskCache.class);
    private static final long MAGIC = 0x4954484143554231L;   // "ITHACUB1"
    private static final int HEADER_BYTES = Long.BYTES + Long.BYTES + 32;

    private final Path directory;

    CubinDiskCache(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    Path fileOf(CubinKey key) {
        return directory.resolve(key.fileName());
    }

    /** The cached CUBIN, or empty when there is none or it was damaged (then it is deleted). */
    Optional<byte[]> read(CubinKey key) {
        Path file = fileOf(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("Cannot read cached CUDA kernels {}: {}; recompiling", file, e.toString());
            return Optional.empty();
        }
        Optional<byte[]> payload = payload(bytes);
        if (payload.isEmpty()) {
            LOG.warn("Cached CUDA kernels {} are damaged ({} bytes); deleting and recompiling", file, bytes.length);
            delete(key);
        }
        return payload;
    }

    /** Stores a CUBIN atomically; failures are logged, never thrown. */
    void write(CubinKey key, byte[] cubin) {
        Path file = fileOf(key);
        Path temp = null;
        try {
            Files.createDirectories(directory);
            temp = Files.createTempFile(directory, key.fileName() + ".", ".tmp");
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            header.putLong(MAGIC).putLong(cubin.length).put(sha256(cubin)).flip();
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                while (header.hasRemaining()) {
                    channel.write(header);
                }
                ByteBuffer body = ByteBuffer.wrap(cubin);
                while (body.hasRemaining()) {
                    channel.write(body);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot cache CUDA kernels in {}: {}; they will be compiled again next run", directory, e.toString());
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: a stray temp file is harmless
                }
            }
        }
    }

    void delete(CubinKey key) {
        try {
            Files.deleteIfExists(fileOf(key));
        } catch (IOException e) {
            LOG.warn("Cannot delete damaged cache entry {}: {}", fileOf(key), e.toString());
        }
    }

    private static Optional<byte[]> payload(byte[] bytes) {
        if (bytes.length < HEADER_BYTES) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long magic = in.getLong();
        long length = in.getLong();
        byte[] digest = new byte[32];
        in.get(digest);
        if (magic != MAGIC || length != bytes.length - HEADER_BYTES || length == 0) {
            return Optional.empty();
        }
        byte[] cubin = Arrays.copyOfRange(bytes, HEADER_BYTES, bytes.length);
        return Arrays.equals(digest, sha256(cubin)) ? Optional.of(cubin) : Optional.empty();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
