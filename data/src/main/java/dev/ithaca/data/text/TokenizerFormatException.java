package dev.ithaca.data.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A tokenizer file whose content breaks the format: not JSON, a missing or mistyped field, an
 * unknown tokenizer type or version, inconsistent values. The message names the file, the field
 * and what was expected, e.g. {@code tok.json: field 'merges[3]': expected a pair of token ids
 * below 259, found [7, 300]}. Plain I/O failures (missing file, permission denied) stay ordinary
 * {@link IOException}s.
 */
public final class TokenizerFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    public TokenizerFormatException(Path file, String problem) {
        this(file, problem, null);
    }

    public TokenizerFormatException(Path file, String problem, Throwable cause) {
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
