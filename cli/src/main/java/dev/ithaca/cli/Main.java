package dev.ithaca.cli;

import dev.ithaca.cli.command.IthacaCommand;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;

/** Entry point of the {@code ithaca} command. */
public final class Main {
    /** Logback reads it (see logback.xml): WARN normally, INFO with {@code --verbose}. */
    static final String LOG_LEVEL_PROPERTY = "ithaca.log.level";
    /** Columns of --help (fixed, so the generated docs/cli.md does not depend on the terminal). */
    static final int HELP_WIDTH = 110;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line and returns its exit code; tests call it in-process. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        // before the first logger exists, so libraries' INFO lines (backend choice, ...) show only with --verbose
        if (System.getProperty(LOG_LEVEL_PROPERTY) == null) {
            System.setProperty(LOG_LEVEL_PROPERTY, verbose ? "INFO" : "WARN");
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        return commandLine(out, err, verbose).execute(args);
    }

    /** The configured picocli command tree, with help footers and error handling on every command. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean verbose) {
        CommandLine cli = new CommandLine(new IthacaCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpWidth(HELP_WIDTH);
        cli.setExecutionExceptionHandler(new ErrorHandler(verbose));
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        cli.setExitCodeExceptionMapper(error -> FailureReport.of(error).exitCode().code());
        for (CommandLine command : all(cli)) {
            command.getCommandSpec().usageMessage()
                    .exitCodeListHeading("%nExit codes:%n")
                    .exitCodeList(ExitCode.helpList());
        }
        return cli;
    }

    private static List<CommandLine> all(CommandLine root) {
        java.util.ArrayList<CommandLine> out = new java.util.ArrayList<>();
        out.add(root);
        root.getSubcommands().values().forEach(sub -> out.addAll(all(sub)));
        return out;
    }

    /** Prints a command's failure as one line (and the stack trace with --verbose) and returns its exit code. */
    static final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
        private final boolean verbose;

        ErrorHandler(boolean verbose) {
            this.verbose = verbose;
        }

        @Override
        public int handleExecutionException(Exception error, CommandLine command, CommandLine.ParseResult parseResult) {
            FailureReport report = FailureReport.of(error);
            PrintWriter err = command.getErr();
            err.println("ithaca " + command.getCommandName() + ": error: " + report.message());
            if (verbose) {
                error.printStackTrace(err);
            } else if (report.exitCode() == ExitCode.USAGE && report.message().contains("this is a bug")) {
                err.println("Run again with --verbose for the stack trace.");
            }
            err.flush();
            return report.exitCode().code();
        }
    }

    /** Bad command-line syntax: the message, a pointer to --help, and exit code 1 (picocli's default would be 2). */
    static final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException error, String[] args) {
            CommandLine command = error.getCommandLine();
            PrintWriter err = command.getErr();
            err.println("ithaca " + command.getCommandName() + ": error: " + error.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(error, err);
            err.println("See 'ithaca " + (command.getParent() == null ? "" : command.getCommandName() + " ") + "--help'.");
            err.flush();
            return ExitCode.USAGE.code();
        }
    }
}
