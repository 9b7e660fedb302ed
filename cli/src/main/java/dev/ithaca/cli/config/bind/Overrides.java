package dev.ithaca.cli.config.bind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --set key=value} overrides, applied to the parsed tree before binding so they get exactly
 * the type coercion and validation the file gets. The key is a dotted path ({@code optimizer.lr},
 * {@code model.hidden_sizes}, {@code metrics.0.top_k} for a list element); the value is YAML
 * ({@code 0.1}, {@code true}, {@code [512, 256]}, {@code adamw}); {@code null} removes the key so
 * its default applies. Missing sections on the way are created.
 */
public final class Overrides {
    private final Map<String, String> assignments = new LinkedHashMap<>();

    /** Parses {@code key=value} strings; a malformed one is reported to {@code problems}. */
    public static Overrides parse(List<String> raw, Problems problems) {
        Overrides overrides = new Overrides();
        for (String assignment : raw) {
            int eq = assignment.indexOf('=');
            String key = eq < 0 ? "" : assignment.substring(0, eq).trim();
            if (eq < 0 || key.isEmpty() || key.startsWith(".") || key.endsWith(".") || key.contains("..")) {
                problems.add("--set", "expected key=value with a dotted key such as optimizer.lr=0.01, got '" + assignment + "'");
                continue;
            }
            overrides.assignments.put(key, assignment.substring(eq + 1).trim());
        }
        return overrides;
    }

    /** One more override, as a flag such as {@code --epochs} expresses it. */
    public Overrides with(String key, Object value) {
        assignments.put(key, String.valueOf(value));
        return this;
    }

    /** The raw value text set for {@code key}. */
    public String valueOf(String key) {
        return assignments.get(key);
    }

    public boolean isEmpty() {
        return assignments.isEmpty();
    }

    /** The dotted keys set, in order. */
    public List<String> keys() {
        return new ArrayList<>(assignments.keySet());
    }

    /** Writes every override into {@code root} (an object); a path through a non-section value is reported. */
    public void applyTo(ObjectNode root, Problems problems) {
        for (Map.Entry<String, String> e : assignments.entrySet()) {
            apply(root, e.getKey(), Yaml.parseValue(e.getValue()), problems);
        }
    }

    /** The override that set {@code path} or a section above it, for "(from --set ...)" in messages. */
    public String originOf(String problemPath) {
        String found = null;
        for (Map.Entry<String, String> e : assignments.entrySet()) {
            String key = e.getKey();
            if (problemPath.equals(key) || problemPath.startsWith(key + ".") || problemPath.startsWith(key + "[")
                    || key.startsWith(problemPath + ".")) {
                found = key + "=" + e.getValue();
            }
        }
        return found;
    }

    private static void apply(ObjectNode root, String key, JsonNode value, Problems problems) {
        String[] segments = key.split("\\.");
        JsonNode container = root;
        for (int i = 0; i < segments.length - 1; i++) {
            JsonNode next = child(container, segments[i]);
            if (next == null || next.isNull()) {
                if (container instanceof ArrayNode) {
                    problems.add(prefix(segments, i + 1), "no list element " + segments[i] + " to set");
                    return;
                }
                next = JsonNodeFactory.instance.objectNode();
                ((ObjectNode) container).set(segments[i], next);
            }
            if (!next.isContainerNode()) {
                problems.add(prefix(segments, i + 1), "is " + Binder.describe(next) + ", not a section, so it has no key '"
                        + segments[i + 1] + "'");
                return;
            }
            container = next;
        }
        String last = segments[segments.length - 1];
        if (container instanceof ObjectNode object) {
            if (value.isNull()) {
                object.remove(last);
            } else {
                object.set(last, value);
            }
        } else {
            ArrayNode array = (ArrayNode) container;
            int index = index(last);
            if (index < 0 || index >= array.size()) {
                problems.add(key, "no list element " + last + " (the list has " + array.size() + ")");
                return;
            }
            array.set(index, value);
        }
    }

    private static JsonNode child(JsonNode container, String segment) {
        if (container instanceof ArrayNode array) {
            int index = index(segment);
            return index >= 0 && index < array.size() ? array.get(index) : null;
        }
        return container.get(segment);
    }

    private static int index(String segment) {
        try {
            return Integer.parseInt(segment);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String prefix(String[] segments, int count) {
        return String.join(".", java.util.Arrays.copyOf(segments, count));
    }
}
