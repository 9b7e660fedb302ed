package dev.ithaca.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading and writing scheduler state as plain data. Readers accept what a JSON round trip gives back
 * (any {@link Number} for an int or a double, any {@link List} for a list), so a state saved in a
 * checkpoint's metadata loads as well as the map {@code stateDict()} returned.
 */
final class StateValues {
    private StateValues() {
    }

    /** An insertion-ordered map from alternating keys and values, so saved states list keys stably. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static List<Double> list(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }

    static List<Integer> list(int[] values) {
        List<Integer> list = new ArrayList<>(values.length);
        for (int v : values) {
            list.add(v);
        }
        return list;
    }

    /** A double JSON can carry: finite values as numbers, infinities and NaN as {@link Double#toString} text. */
    static Object encode(double value) {
        return Double.isFinite(value) ? (Object) value : Double.toString(value);
    }

    static Object require(String owner, Map<String, ?> state, String key) {
        if (state == null) {
            throw new IllegalArgumentException(owner + ": state must not be null");
        }
        if (!state.containsKey(key) || state.get(key) == null) {
            throw new IllegalArgumentException(owner + ": state has no '" + key + "'; keys present: " + state.keySet());
        }
        return state.get(key);
    }

    static int intValue(String owner, Map<String, ?> state, String key) {
        return toInt(owner, key, require(owner, state, key));
    }

    static double doubleValue(String owner, Map<String, ?> state, String key) {
        return toDouble(owner, key, require(owner, state, key));
    }

    static double[] doubles(String owner, Map<String, ?> state, String key, int expectedLength) {
        List<?> list = listValue(owner, state, key);
        if (list.size() != expectedLength) {
            throw new IllegalArgumentException(owner + ": state '" + key + "' has " + list.size()
                    + " values, expected one per parameter group (" + expectedLength + ")");
        }
        double[] values = new double[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = toDouble(owner, key + "[" + i + "]", list.get(i));
        }
        return values;
    }

    static List<?> listValue(String owner, Map<String, ?> state, String key) {
        Object value = require(owner, state, key);
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(owner + ": state '" + key + "' must be a list, got " + describe(value));
        }
        return list;
    }

    /**
     * Refuses a state saved by a scheduler configured differently: resuming it would silently follow
     * another schedule.
     */
    static void requireSameConfiguration(String owner, Map<String, Object> configured, Map<String, ?> state) {
        for (Map.Entry<String, Object> e : configured.entrySet()) {
            if (!sameValue(e.getValue(), require(owner, state, e.getKey()))) {
                throw new IllegalArgumentException(owner + ": the state was saved with " + e.getKey() + "="
                        + state.get(e.getKey()) + " but this scheduler has " + e.getKey() + "=" + e.getValue()
                        + "; build the scheduler with the saved settings to resume it");
            }
        }
    }

    private static boolean sameValue(Object configured, Object saved) {
        if (configured instanceof Number c) {
            return saved instanceof Number s && (c instanceof Integer
                    ? s.doubleValue() == c.doubleValue()
                    : Double.compare(c.doubleValue(), s.doubleValue()) == 0);
        }
        if (configured instanceof List<?> c) {
            if (!(saved instanceof List<?> s) || s.size() != c.size()) {
                return false;
            }
            for (int i = 0; i < c.size(); i++) {
                if (!sameValue(c.get(i), s.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return configured.equals(saved);
    }

    private static int toInt(String owner, String key, Object value) {
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        throw new IllegalArgumentException(owner + ": state '" + key + "' must be an integer, got " + describe(value));
    }

    private static double toDouble(String owner, String key, Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            switch (s) {
                case "Infinity", "-Infinity", "NaN" -> {
                    return Double.parseDouble(s);
                }
                default -> {
                }
            }
        }
        throw new IllegalArgumentException(owner + ": state '" + key + "' must be a number, got " + describe(value));
    }

    private static String describe(Object value) {
        return value == null ? "null" : value + " (" + value.getClass().getSimpleName() + ")";
    }
}
