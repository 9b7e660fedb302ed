package dev.ithaca.callbacks;

import java.util.Locale;
import java.util.Objects;

/** Whether a monitored quantity is better when smaller ({@link #MIN}, a loss) or larger ({@link #MAX}, an accuracy). */
public enum Mode {
    MIN,
    MAX;

    /** {@code "min"} or {@code "max"}, in any case. */
    public static Mode parse(String mode) {
        Objects.requireNonNull(mode, "mode");
        return switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "min" -> MIN;
            case "max" -> MAX;
            default -> throw new IllegalArgumentException("mode must be 'min' or 'max', got '" + mode + "'");
        };
    }

    /**
     * True when {@code current} beats {@code reference} by more than {@code minDelta} (strictly, as
     * Lightning: an equal value is no improvement). NaN never improves.
     */
    public boolean improves(double current, double reference, double minDelta) {
        return this == MIN ? current < reference - minDelta : current > reference + minDelta;
    }

    /** The value every real value improves on: +inf for MIN, -inf for MAX. */
    public double worst() {
        return this == MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
