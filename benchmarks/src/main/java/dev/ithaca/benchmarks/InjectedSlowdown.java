package dev.ithaca.benchmarks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberate slowdown of a Tensor benchmark, to show that the regression guard catches one.
 * The system property {@value #PROPERTY} lists {@code key:factor} pairs, e.g.
 * {@code matmul:2.0,add:1.5}; a benchmark whose {@link Comparison#key() key} is listed spins after
 * each invocation until it has taken {@code factor} times as long as its own work did. Only the
 * benchmark harness reads the property (the runner passes it on to every fork); no library code does.
 */
final class InjectedSlowdown {
    static final String PROPERTY = "ithaca.bench.injectSlowdown";
    private static final InjectedSlowdown NONE = new InjectedSlowdown(1);

    private final double factor;

    private InjectedSlowdown(double factor) {
        this.factor = factor;
    }

    /** The slowdown the property asks for {@code key}, or none. */
    static InjectedSlowdown forKey(String key) {
        String spec = System.getProperty(PROPERTY);
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        Double factor = parse(spec).get(key);
        return factor == null ? NONE : new InjectedSlowdown(factor);
    }

    /**
     * Parses {@code key:factor[,key:factor...]}.
     *
     * @throws IllegalArgumentException naming the bad entry when one is malformed or its factor is below 1
     */
    static Map<String, Double> parse(String spec) {
        Map<String, Double> factors = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.lastIndexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new IllegalArgumentException(PROPERTY + ": entry '" + trimmed + "' must be key:factor, e.g. matmul:2.0");
            }
            String key = trimmed.substring(0, colon).trim();
            double factor;
            try {
                factor = Double.parseDouble(trimmed.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PROPERTY + ": factor of '" + trimmed + "' is not a number", e);
            }
            if (!(factor >= 1) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s: factor of '%s' must be a finite number >= 1 (a slowdown), got %s", PROPERTY, key, factor));
            }
            factors.put(key, factor);
        }
        return factors;
    }

    /** Checks every key of the property against the known ones, so a typo does not silently slow nothing down. */
    static void requireKnownKeys(String spec, Collection<String> known) {
        for (String key : parse(spec).keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(PROPERTY + ": unknown benchmark key '" + key + "'; known keys: " + known);
            }
        }
    }

    double factor() {
        return factor;
    }

    /** Call before the work: a start time, or 0 when nothing is injected (no clock read). */
    long start() {
        return factor == 1 ? 0 : System.nanoTime();
    }

    /** Call after the work: waits until the invocation has taken {@code factor} times the work's time. */
    void finish(long start) {
        if (factor == 1) {
            return;
        }
        long elapsed = System.nanoTime() - start;
        long until = start + (long) (elapsed * factor);
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }
}
