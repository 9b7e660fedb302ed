package dev.ithaca.cli.config.bind;

/** Words for a {@link Key}'s numeric range: {@code > 0}, {@code >= 1}, {@code in [0, 1)}. */
public final class Ranges {
    private Ranges() {
    }

    public static boolean bounded(Key spec) {
        return spec.min() != Double.NEGATIVE_INFINITY || spec.max() != Double.POSITIVE_INFINITY;
    }

    public static String describe(Key spec) {
        boolean hasMin = spec.min() != Double.NEGATIVE_INFINITY;
        boolean hasMax = spec.max() != Double.POSITIVE_INFINITY;
        if (hasMin && hasMax) {
            return "in " + (spec.minExclusive() ? "(" : "[") + number(spec.min()) + ", " + number(spec.max())
                    + (spec.maxExclusive() ? ")" : "]");
        }
        if (hasMin) {
            return (spec.minExclusive() ? "> " : ">= ") + number(spec.min());
        }
        if (hasMax) {
            return (spec.maxExclusive() ? "< " : "<= ") + number(spec.max());
        }
        return "any number";
    }

    /** {@code 1.0} as {@code 1}, other values as Java prints them. */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
