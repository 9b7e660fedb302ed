package dev.ithaca.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Conversion of parameter-group options. An optimizer's defaults fix each option's name and type:
 * a {@code Double}, a {@code Boolean}, or a pair of doubles held as a two-element {@code List}
 * (PyTorch's {@code betas}). Values given by users or read back from a checkpoint (where JSON may
 * have turned a double into an integer or a pair into any list) are converted to that type.
 */
final class Options {
    private Options() {
    }

    /** PyTorch's snake_case name for {@code key}, so {@code "weightDecay"} and {@code "weight_decay"} both work. */
    static String canonical(String key) {
        StringBuilder out = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code base} with {@code overrides} applied. Unknown keys throw, unless {@code unknown} is
     * given, which then collects them.
     */
    static Map<String, Object> merge(String optimizer, Map<String, Object> base, Map<String, ?> overrides, List<String> unknown) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        for (Map.Entry<String, ?> entry : overrides.entrySet()) {
            String key = canonical(entry.getKey());
            if (!base.containsKey(key)) {
                if (unknown == null) {
                    throw new IllegalArgumentException(optimizer + ": unknown option '" + entry.getKey() + "'; known options: "
                            + String.join(", ", base.keySet()));
                }
                unknown.add(entry.getKey());
                continue;
            }
            merged.put(key, convert(optimizer, key, base.get(key), entry.getValue()));
        }
        return merged;
    }

    /** {@code value} as the type of {@code template}. */
    static Object convert(String optimizer, String key, Object template, Object value) {
        if (template instanceof Double) {
            if (value instanceof Number n && !(value instanceof Boolean)) {
                return n.doubleValue();
            }
            throw badType(optimizer, key, "a number", value);
        }
        if (template instanceof Boolean) {
            if (value instanceof Boolean b) {
                return b;
            }
            throw badType(optimizer, key, "true or false", value);
        }
        if (template instanceof List<?>) {
            List<Double> pair = pair(value);
            if (pair == null) {
                throw badType(optimizer, key, "a pair of numbers", value);
            }
            return pair;
        }
        throw new IllegalStateException(optimizer + ": option '" + key + "' has an unsupported default " + template);
    }

    private static List<Double> pair(Object value) {
        List<Object> items = new ArrayList<>();
        if (value instanceof double[] array) {
            for (double d : array) {
                items.add(d);
            }
        } else if (value instanceof List<?> list) {
            items.addAll(list);
        } else {
            return null;
        }
        if (items.size() != 2 || !(items.get(0) instanceof Number a) || !(items.get(1) instanceof Number b)) {
            return null;
        }
        return List.of(a.doubleValue(), b.doubleValue());
    }

    private static IllegalArgumentException badType(String optimizer, String key, String expected, Object value) {
        String shown = value instanceof double[] array ? java.util.Arrays.toString(array) : String.valueOf(value);
        return new IllegalArgumentException(optimizer + ": option '" + key + "' must be " + expected + ", got " + shown);
    }
}
