package dev.ithaca.io;

import dev.ithaca.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads and writes tensors in the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * format, so checkpoints load in PyTorch and Hugging Face tools and theirs load here.
 *
 * <pre>{@code
 * SafeTensors.write(path, Map.of("w", w, "b", b), Map.of("epoch", "3"));
 * try (LoadedTensors loaded = SafeTensors.read(path)) {
 *     Tensor w = loaded.tensor("w");
 *     String epoch = loaded.metadata().get("epoch");
 * }
 * }</pre>
 *
 * <p>See the package documentation for the file layout, the order tensors are written in, the
 * dtypes supported and the limits applied to untrusted files.
 */
public final class SafeTensors {
    /** Largest header (N) accepted or written, as in the reference implementation: a guard against hostile files. */
    public static final long MAX_HEADER_LENGTH = 100_000_000L;

    /** Most dimensions a tensor in a file may have; more is treated as a corrupt header. */
    public static final int MAX_RANK = 64;

    private SafeTensors() {
    }

    /** {@link #write(Path, Map, Map)} without metadata. */
    public static void write(Path file, Map<String, ? extends Tensor> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /**
     * Writes {@code tensors} (any backend, dtype, layout) and the string {@code metadata} to
     * {@code file}, replacing it atomically: the data goes to a temp file in the same directory,
     * is fsynced, then renamed over {@code file}. If anything fails, {@code file} keeps its previous
     * content and the temp file is removed.
     *
     * @throws IllegalArgumentException for a null or reserved ({@code __metadata__}) name, a freed or
     *                                  null tensor, null metadata, strings that are not well-formed
     *                                  Unicode, or names and metadata too large for a header
     * @throws IOException              when the file system fails; {@code file} is then unchanged
     */
    public static void write(Path file, Map<String, ? extends Tensor> tensors, Map<String, String> metadata) throws IOException {
        SafeTensorsWriter.write(file, tensors, metadata);
    }

    /**
     * Reads every tensor of {@code file} onto the current backend ({@link dev.ithaca.spi.Backends#current()}).
     * F32/F64/I32/I64/BOOL load as FLOAT32/FLOAT64/INT32/INT64/BOOL; F16 and BF16 are widened to FLOAT32.
     *
     * @throws CheckpointFormatException when the file is not a valid safetensors file, or holds a dtype
     *                                   Ithaca cannot load; no tensor is left allocated then
     * @throws IOException               when the file cannot be opened or read
     */
    public static LoadedTensors read(Path file) throws IOException {
        return SafeTensorsReader.read(file);
    }

    /**
     * Reads and validates only the header: names, dtypes (all the specification's, loadable or not),
     * shapes, offsets and metadata, without loading tensor data.
     *
     * @throws CheckpointFormatException when the file is not a valid safetensors file
     * @throws IOException               when the file cannot be opened or read
     */
    public static SafeTensorsHeader readHeader(Path file) throws IOException {
        return SafeTensorsReader.readHeader(file);
    }
}
