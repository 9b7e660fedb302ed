package dev.ithaca.cli;

import java.util.Objects;

/**
 * A failure a command understands: it carries the exit code and a message that says what went wrong
 * and what to do. Printed without a stack trace unless {@code --verbose}.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public CliException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
    }

    public CliException(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }

    public static CliException data(String message, Throwable cause) {
        return new CliException(ExitCode.DATA, message, cause);
    }

    public static CliException io(String message, Throwable cause) {
        return new CliException(ExitCode.IO, message, cause);
    }

    public static CliException diverged(String message) {
        return new CliException(ExitCode.DIVERGED, message);
    }
}
