package dev.ithaca.cli;

import com.google.inject.ProvisionException;
import dev.ithaca.cli.config.bind.ConfigException;
import dev.ithaca.data.DataFormatException;
import dev.ithaca.data.DataLoadingException;
import dev.ithaca.data.text.TokenizerFormatException;
import dev.ithaca.io.CheckpointFormatException;
import dev.ithaca.spi.BackendUnavailableException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Turns any exception a command throws into an exit code and one actionable line. Commands wrap
 * failures whose category only they know (a missing corpus is a data error, a missing checkpoint
 * an I/O error) in {@link CliException}; everything else is classified by type here.
 */
public record FailureReport(ExitCode exitCode, String message) {

    public static FailureReport of(Throwable error) {
        Throwable root = unwrap(error);
        if (root instanceof CliException cli) {
            return new FailureReport(cli.exitCode(), cli.getMessage());
        }
        if (root instanceof ConfigException config) {
            return new FailureReport(ExitCode.USAGE, config.getMessage());
        }
        if (root instanceof BackendUnavailableException backend) {
            return new FailureReport(ExitCode.BACKEND, backend.getMessage()
                    + " Run 'ithaca info' to see every backend and why it is or is not available.");
        }
        if (root instanceof DataFormatException || root instanceof DataLoadingException) {
            return new FailureReport(ExitCode.DATA, root.getMessage());
        }
        if (root instanceof TokenizerFormatException tokenizer) {
            return new FailureReport(ExitCode.IO, "corrupt tokenizer file: " + tokenizer.getMessage()
                    + ". Delete it to train a new tokenizer, or point tokenizer.path to a good one.");
        }
        if (root instanceof CheckpointFormatException checkpoint) {
            return new FailureReport(ExitCode.IO, "corrupt checkpoint " + checkpoint.getMessage()
                    + ". Delete it to start over, or point to another checkpoint.");
        }
        if (root instanceof IOException io) {
            return new FailureReport(ExitCode.IO, describe(io));
        }
        if (root instanceof IllegalArgumentException bad) {
            return new FailureReport(ExitCode.USAGE, bad.getMessage());
        }
        if (root instanceof OutOfMemoryError) {
            return new FailureReport(ExitCode.USAGE, "out of Java heap memory (" + root.getMessage() + "); use a smaller"
                    + " batch_size or model, or raise the heap with JAVA_OPTS=-Xmx1g");
        }
        return new FailureReport(ExitCode.USAGE, "unexpected " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()) + " (this is a bug; --verbose shows where)");
    }

    /** A readable sentence for file-system failures, whose JDK messages are often only a path. */
    public static String describe(IOException io) {
        if (io instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile() + " (choose a writable location, e.g. --output-dir)";
        }
        if (io instanceof NoSuchFileException missing) {
            return "no such file or directory: " + missing.getFile();
        }
        if (io instanceof FileSystemException fs) {
            return (fs.getReason() == null ? "file system error" : fs.getReason()) + ": " + fs.getFile();
        }
        return io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage();
    }

    /** The failure itself, without wrappers that add nothing (unchecked I/O, Guice provisioning, bare rethrows). */
    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof UncheckedIOException || current instanceof ProvisionException || isBareWrapper(current))
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** A RuntimeException that only wraps a cause (a checked exception rethrown), adding nothing of its own. */
    private static boolean isBareWrapper(Throwable error) {
        return error.getClass() == RuntimeException.class && error.getCause() != null
                && (error.getMessage() == null || error.getMessage().equals(error.getCause().toString()));
    }
}
