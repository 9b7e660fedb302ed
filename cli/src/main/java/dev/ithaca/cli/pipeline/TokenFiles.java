package dev.ithaca.cli.pipeline;

import dev.ithaca.cli.io.AtomicFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Token ids on disk as little-endian int32 (numpy's {@code <i4}), so a resumed pipeline skips re-encoding. */
public final class TokenFiles {
    private TokenFiles() {
    }

    public static void write(Path file, int[] tokens) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(Math.multiplyExact(tokens.length, Integer.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(tokens);
        AtomicFiles.write(file, bytes.array());
    }

    public static int[] read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length % Integer.BYTES != 0) {
            throw new IOException(file + " has " + bytes.length + " bytes, not a whole number of int32 token ids");
        }
        int[] tokens = new int[bytes.length / Integer.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(tokens);
        return tokens;
    }
}
