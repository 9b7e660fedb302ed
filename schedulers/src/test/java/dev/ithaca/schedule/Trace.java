package dev.ithaca.schedule;

import dev.ithaca.train.LRScheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs schedulers and compares learning rates with independently computed ones. */
final class Trace {
    /** Relative tolerance: the formulas are evaluated in a different order than the scheduler's. */
    static final double REL = 1e-12;

    private Trace() {
    }

    /**
     * The optimizer's learning rates at epochs 0..epochs: row 0 is what the constructor left, row e
     * what e calls of {@code step()} leave. Also checks that {@code lastLrs()} reports them.
     */
    static double[][] run(LRScheduler scheduler, FakeOptimizer opt, int epochs) {
        double[][] rows = new double[epochs + 1][];
        for (int e = 0; e <= epochs; e++) {
            if (e > 0) {
                scheduler.step();
            }
            rows[e] = opt.lrs();
            for (int g = 0; g < rows[e].length; g++) {
                assertThat(scheduler.lastLrs().get(g)).as("lastLrs()[%d] at epoch %d", g, e).isEqualTo(rows[e][g]);
            }
            assertThat(scheduler.lastLr()).isEqualTo(rows[e][0]);
        }
        return rows;
    }

    interface Expected {
        double lr(int group, int epoch);
    }

    /** Every row of {@code actual} against {@code expected}, within {@link #REL} of the value or {@code scale}. */
    static void assertMatches(double[][] actual, Expected expected, double scale) {
        for (int e = 0; e < actual.length; e++) {
            for (int g = 0; g < actual[e].length; g++) {
                assertClose(actual[e][g], expected.lr(g, e), scale, "group " + g + " epoch " + e);
            }
        }
    }

    static void assertClose(double actual, double expected, double scale, String what) {
        double tolerance = REL * Math.max(Math.abs(expected), scale);
        assertThat(Math.abs(actual - expected))
                .as("%s: actual %s, expected %s", what, actual, expected)
                .isLessThanOrEqualTo(tolerance);
    }

    /** What a JSON round trip gives back: integers as Long, lists as ArrayList, maps as LinkedHashMap. */
    static Object jsonLike(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (Object v : list) {
                copy.add(jsonLike(v));
            }
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, jsonLike(v)));
            return copy;
        }
        return value;
    }

    /** Asserts a state holds only what JSON can carry: strings, finite numbers, booleans, lists, maps. */
    static void assertPlainData(Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                assertThat(k).isInstanceOf(String.class);
                assertPlainData(v);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(Trace::assertPlainData);
        } else if (value instanceof Double d) {
            assertThat(d).isFinite();
        } else {
            assertThat(value).isInstanceOfAny(String.class, Integer.class, Long.class, Boolean.class);
        }
    }
}
