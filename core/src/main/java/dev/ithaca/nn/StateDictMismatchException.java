package dev.ithaca.nn;

/**
 * A strict {@link Module#loadStateDict} found keys or shapes that do not match; nothing was copied.
 * The message lists every problem at once, and {@link #report()} gives them as data.
 */
public final class StateDictMismatchException extends IllegalArgumentException {
    private final transient StateDictReport report;

    public StateDictMismatchException(String moduleName, StateDictReport report) {
        super("Error(s) loading state dict into " + moduleName + ":" + report.describe());
        this.report = report;
    }

    public StateDictReport report() {
        return report;
    }
}
