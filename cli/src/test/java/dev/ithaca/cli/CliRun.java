package dev.ithaca.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process {@code ithaca} invocation: its exit code and what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** True when the error output holds a Java stack trace. */
    public boolean printedStackTrace() {
        return err.contains("\tat ") || err.contains("Exception:") && err.contains("at dev.");
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
