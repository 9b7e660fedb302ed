package dev.ithaca.callbacks;

import java.util.Map;

/** Typed reads from a loaded state dict, whose numbers may come back as any Number type. */
final class StateValues {
    private StateValues() {
    }

    static Object required(String owner, Map<String, ?> state, String key) {
        if (!state.containsKey(key)) {
            throw new IllegalArgumentException(owner + ": state dict lacks '" + key + "'; it has " + state.keySet());
        }
        return state.get(key);
    }

    static double number(String owner, Map<String, ?> state, String key) {
        Object value = required(owner, state, key);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(owner + ": state dict entry '" + key + "' must be a number, got " + value);
    }

    static long whole(String owner, Map<String, ?> state, String key) {
        double value = number(owner, state, key);
        if (value != Math.rint(value)) {
            throw new IllegalArgumentException(owner + ": state dict entry '" + key + "' must be a whole number, got " + value);
        }
        return (long) value;
    }

    static boolean flag(String owner, Map<String, ?> state, String key, boolean fallback) {
        Object value = state.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(owner + ": state dict entry '" + key + "' must be true or false, got " + value);
    }

    /** A string, or null when the entry is absent or null. */
    static String text(String owner, Map<String, ?> state, String key) {
        Object value = state.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new IllegalArgumentException(owner + ": state dict entry '" + key + "' must be a string, got " + value);
    }
}
