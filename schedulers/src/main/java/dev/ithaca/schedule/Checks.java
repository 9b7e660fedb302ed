package dev.ithaca.schedule;

import java.util.Arrays;

/** Constructor preconditions whose messages name the scheduler, the argument, the bad value and what is valid. */
final class Checks {
    private Checks() {
    }

    static int atLeast(String owner, String argument, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(owner + ": " + argument + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    static double positiveFinite(String owner, String argument, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(owner + ": " + argument + " must be positive and finite, got " + value);
        }
        return value;
    }

    static double nonNegativeFinite(String owner, String argument, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(owner + ": " + argument + " must be >= 0 and finite, got " + value);
        }
        return value;
    }

    /** {@code value} in {@code (0, 1]} when {@code lowOpen}, else in {@code [0, 1]}. */
    static double inUnitRange(String owner, String argument, double value, boolean lowOpen) {
        boolean ok = lowOpen ? value > 0 && value <= 1 : value >= 0 && value <= 1;
        if (!ok) {
            throw new IllegalArgumentException(owner + ": " + argument + " must be in " + (lowOpen ? "(0, 1]" : "[0, 1]")
                    + ", got " + value);
        }
        return value;
    }

    static int[] strictlyIncreasing(String owner, String argument, int[] values, int min) {
        if (values == null) {
            throw new IllegalArgumentException(owner + ": " + argument + " must not be null");
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] < min) {
                throw new IllegalArgumentException(owner + ": " + argument + " must be >= " + min + ", got "
                        + Arrays.toString(values));
            }
            if (i > 0 && values[i] <= values[i - 1]) {
                throw new IllegalArgumentException(owner + ": " + argument + " must be strictly increasing, got "
                        + Arrays.toString(values));
            }
        }
        return values.clone();
    }

    /** One value per parameter group, each checked with {@link #nonNegativeFinite} or {@link #positiveFinite}. */
    static double[] perGroup(String owner, String argument, double[] values, int groups, boolean positive) {
        if (values == null || values.length != groups) {
            throw new IllegalArgumentException(owner + ": " + argument + " needs one value per parameter group ("
                    + groups + "), got " + (values == null ? "null" : values.length + ": " + Arrays.toString(values)));
        }
        for (int g = 0; g < groups; g++) {
            String name = argument + "[" + g + "]";
            if (positive) {
                positiveFinite(owner, name, values[g]);
            } else {
                nonNegativeFinite(owner, name, values[g]);
            }
        }
        return values.clone();
    }

    /** The string when it is exactly one of {@code allowed} (case-sensitive, as PyTorch compares). */
    static String oneOf(String owner, String argument, String value, String... allowed) {
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw new IllegalArgumentException(owner + ": unknown " + argument + " '" + value + "', expected one of "
                + Arrays.toString(allowed));
    }
}
