package dev.ithaca.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Input data whose content breaks its format: a wrong magic number, a truncated file, a label
 * count that does not match the image count, a CSV cell that is not a number, bytes that are not
 * UTF-8. The message names the file, the position (byte offset, or line and column) and what was
 * expected, e.g. {@code train.csv: line 7, column 3 ('petal_width'): 'abc' is not a number}.
 *
 * <p>Unchecked, because datasets are read where no checked exception fits ({@link Dataset#batch}
 * on a loader thread); a missing or unreadable file is an {@link java.io.UncheckedIOException}
 * instead, whose message names the path.
 */
public final class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    public DataFormatException(Path file, String problem) {
        this(file, problem, null);
    }

    public DataFormatException(Path file, String problem, Throwable cause) {
        super(Objects.requireNonNull(file, "file") + ": " + Objects.requireNonNull(problem, "problem"), cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file that could not be used. */
    public Path file() {
        return file;
    }

    /** What is wrong with it and where, without the file name. */
    public String problem() {
        return problem;
    }
}
