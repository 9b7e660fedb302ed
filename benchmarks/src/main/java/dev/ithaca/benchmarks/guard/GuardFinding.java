package dev.ithaca.benchmarks.guard;

import java.util.Locale;
import java.util.Objects;

/**
 * One ratio measured against its baseline entry.
 *
 * @param id        the ratio's id
 * @param measured  the ratio this run measured, NaN when it has none
 * @param expected  the baseline's ratio, NaN when the baseline has no entry
 * @param tolerance the largest relative drop allowed, NaN without an entry
 * @param status    the verdict
 */
public record GuardFinding(String id, double measured, double expected, double tolerance, Status status) {

    /** How a measured ratio stands against its baseline entry. */
    public enum Status {
        /** Within tolerance of the baseline. */
        OK,
        /** Fell by more than its tolerance: the guard fails. */
        REGRESSED,
        /** Rose by more than its tolerance: worth a new baseline ({@code --write-baseline}). */
        IMPROVED,
        /** The baseline has an entry, but one side of the pair produced no result: the guard cannot judge it and fails. */
        FAILED,
        /** The baseline has an entry that this profile or filter did not run. */
        NOT_RUN,
        /** Measured, but the baseline has no entry for it. */
        NO_BASELINE
    }

    public GuardFinding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }

    /** Relative change against the baseline: -0.5 for a ratio that halved; NaN when either is absent. */
    public double change() {
        return measured / expected - 1;
    }

    /** One line saying what happened, e.g. {@code matmul n=1024: 0.497 vs baseline 1.000 (-50.3%, tolerance 20%)}. */
    public String describe() {
        return switch (status) {
            case NOT_RUN -> id + ": not run in this profile (baseline " + format(expected) + ")";
            case NO_BASELINE -> id + ": " + format(measured) + ", no baseline entry";
            case FAILED -> id + ": no ratio, a side of the pair failed (baseline " + format(expected) + ")";
            default -> String.format(Locale.ROOT, "%s: %s vs baseline %s (%+.1f%%, tolerance %.0f%%)", id, format(measured),
                    format(expected), 100 * change(), 100 * tolerance);
        };
    }

    static String format(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }
}
