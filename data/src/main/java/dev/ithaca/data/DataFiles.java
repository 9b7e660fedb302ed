package dev.ithaca.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reading the files datasets are made of, with errors that name the path: whole files, gzip
 * detected by its magic bytes rather than by the file name, and strict UTF-8 decoding that
 * reports the byte offset of the first invalid sequence.
 */
public final class DataFiles {
    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;

    private DataFiles() {
    }

    /**
     * The file's bytes. A missing file, a directory or a read failure is an
     * {@link UncheckedIOException} whose message names {@code what} and the path.
     *
     * @param what what the file should hold, for the message (e.g. "IDX images file")
     */
    public static byte[] readAllBytes(Path file, String what) {
        if (!Files.exists(file)) {
            throw new UncheckedIOException(what + " not found: " + file.toAbsolutePath(),
                    new NoSuchFileException(file.toString()));
        }
        if (Files.isDirectory(file)) {
            throw new UncheckedIOException(what + " " + file.toAbsolutePath() + " is a directory, expected a file",
                    new IOException(file + " is a directory"));
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + file.toAbsolutePath() + ": " + e, e);
        }
    }

    /**
     * The file's content, decompressed when it starts with the gzip magic bytes {@code 1f 8b}
     * (whatever its name). Corrupt or truncated gzip data is a {@link DataFormatException}.
     */
    public static byte[] readDecompressed(Path file, String what) {
        return decompressIfGzip(file, readAllBytes(file, what));
    }

    /** {@code bytes} (read from {@code file}) decompressed if they start with the gzip magic number, else as they are. */
    public static byte[] decompressIfGzip(Path file, byte[] bytes) {
        return isGzip(bytes) ? gunzip(file, bytes) : bytes;
    }

    /** True when {@code bytes} starts with the gzip magic number. */
    public static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xFF) == GZIP_MAGIC_0 && (bytes[1] & 0xFF) == GZIP_MAGIC_1;
    }

    private static byte[] gunzip(Path file, byte[] compressed) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 1 << 16)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint(compressed));
            in.transferTo(out);
            return out.toByteArray();
        } catch (EOFException e) {
            throw new DataFormatException(file, "gzip data is truncated: the compressed stream ends early after "
                    + compressed.length + " bytes", e);
        } catch (ZipException e) {
            throw new DataFormatException(file, "corrupt gzip data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decompress " + file.toAbsolutePath() + ": " + e, e);
        }
    }

    /** The gzip trailer ends with the uncompressed size modulo 2^32: a good first buffer size. */
    private static int sizeHint(byte[] compressed) {
        if (compressed.length < 18) {
            return 64;
        }
        int n = compressed.length;
        long size = (compressed[n - 4] & 0xFFL) | (compressed[n - 3] & 0xFFL) << 8
                | (compressed[n - 2] & 0xFFL) << 16 | (compressed[n - 1] & 0xFFL) << 24;
        return (int) Math.min(Math.max(size, 64), 1 << 30);
    }

    /**
     * Decodes UTF-8 strictly: a malformed or truncated sequence is a {@link DataFormatException}
     * naming the byte offset (from 0) and line of the first bad byte. A byte order mark is kept.
     */
    public static String decodeUtf8(Path file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never decodes to more UTF-16 chars than it has bytes
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int b = bytes[offset] & 0xFF;
            boolean cutShort = offset + result.length() == bytes.length && b >= 0xC2 && b <= 0xF4;
            throw new DataFormatException(file, "invalid UTF-8 at byte offset " + offset + " (line " + lineOf(bytes, offset)
                    + "): byte 0x" + String.format("%02X", b)
                    + (cutShort ? " starts a multi-byte sequence that the file ends before completing"
                                : " is not part of a valid UTF-8 sequence"));
        }
        return out.flip().toString();
    }

    private static long lineOf(byte[] bytes, int offset) {
        long line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
