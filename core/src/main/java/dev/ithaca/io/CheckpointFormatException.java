package dev.ithaca.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A checkpoint file that cannot be read because its content breaks the format: truncated, a bad
 * header, inconsistent offsets, a dtype this reader does not know. The message names the file and
 * the problem, e.g. {@code model.safetensors: tensor 'w': data_offsets [0, 20] ...}.
 *
 * <p>It is a checked {@link IOException} on purpose: a corrupt file is an expected, recoverable
 * condition for a caller that already handles I/O failures (fall back to an older checkpoint,
 * report and exit), and callers that catch {@code IOException} handle it without extra code.
 * Plain I/O failures (missing file, permission denied) stay ordinary {@code IOException}s.
 */
public final class CheckpointFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    public CheckpointFormatException(Path file, String problem) {
        this(file, problem, null);
    }

    public CheckpointFormatException(Path file, String problem, Throwable cause) {
        super(Objects.requireNonNull(file, "file") + ": " + Objects.requireNonNull(problem, "problem"), cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }

    /** What is wrong with it, without the file name. */
    public String problem() {
        return problem;
    }
}
