package dev.ithaca.cli.config.bind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds a parsed YAML tree onto immutable config records, reporting every problem with its path:
 * unknown keys (with the closest known key), missing required keys, wrong types, values out of
 * range, and the records' own cross-key rules ({@link Checked}). Textual scalars are coerced to the
 * key's type, so {@code lr: 1e-3} (a string in YAML 1.1) and {@code --set optimizer.lr=1e-3} both
 * bind as the number 0.001.
 */
public final class Binder {
    /** Marks a value that failed to bind (its problem is already reported). */
    private static final Object INVALID = new Object();
    private static final Map<ConfigType.Field, JsonNode> DEFAULTS = new ConcurrentHashMap<>();

    private Binder() {
    }

    /** Binds {@code node} as {@code type}; problems go to {@code problems} and the result is null when there are any. */
    public static <T> T bind(JsonNode node, Class<T> type, Problems problems) {
        int before = problems.size();
        Object value = value(node, ConfigTypes.of(type), null, problems);
        return value == INVALID || problems.size() > before ? null : type.cast(value);
    }

    /** The parsed default of a field (null for required or unset ones). */
    public static JsonNode defaultNode(ConfigType.Field field) {
        if (!field.hasDefault()) {
            return null;
        }
        return DEFAULTS.computeIfAbsent(field, f -> Yaml.parseValue(f.spec().defaultValue()));
    }

    private static Object value(JsonNode node, ConfigType type, Key spec, Problems at) {
        if (type instanceof ConfigType.Scalar scalar) {
            return scalar(node, scalar, spec, at);
        }
        if (type instanceof ConfigType.ListOf list) {
            return list(node, list, spec, at);
        }
        if (type instanceof ConfigType.RecordOf record) {
            return record(node, record, at, null);
        }
        return oneOf(node, (ConfigType.OneOf) type, at);
    }

    private static Object list(JsonNode node, ConfigType.ListOf type, Key spec, Problems at) {
        if (!node.isArray()) {
            at.add("expected a list (" + type.displayName() + "), got " + describe(node));
            return INVALID;
        }
        if (spec != null && node.size() < spec.minItems()) {
            at.add("must have at least " + spec.minItems() + " element" + (spec.minItems() == 1 ? "" : "s") + ", got " + node.size());
            return INVALID;
        }
        List<Object> values = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < node.size(); i++) {
            Object element = value(node.get(i), type.element(), spec, at.at("[" + i + "]"));
            ok &= element != INVALID;
            values.add(element);
        }
        return ok ? List.copyOf(values) : INVALID;
    }

    private static Object oneOf(JsonNode node, ConfigType.OneOf type, Problems at) {
        String key = ConfigType.OneOf.DISCRIMINATOR;
        List<String> names = List.copyOf(type.variants().keySet());
        JsonNode body = node;
        if (node.isTextual()) {
            // shorthand: "metrics: [accuracy]" means "metrics: [{type: accuracy}]"
            ObjectNode expanded = JsonNodeFactory.instance.objectNode();
            expanded.set(key, node);
            body = expanded;
        }
        if (!body.isObject()) {
            at.add("expected a section with '" + key + "' (one of " + String.join(", ", names) + "), got " + describe(node));
            return INVALID;
        }
        JsonNode typeNode = body.get(key);
        if (typeNode == null || typeNode.isNull()) {
            at.add(key, "missing; allowed: " + String.join(", ", names));
            return INVALID;
        }
        String name = typeNode.asText();
        ConfigType.RecordOf variant = type.variants().get(name);
        if (variant == null || !typeNode.isValueNode()) {
            at.add(key, "unknown value '" + name + "'; allowed: " + String.join(", ", names) + "." + Suggestions.didYouMean(name, names));
            return INVALID;
        }
        return record(body, variant, at, name);
    }

    private static Object record(JsonNode node, ConfigType.RecordOf type, Problems at, String variantName) {
        if (!node.isObject()) {
            at.add("expected a section (key: value pairs), got " + describe(node));
            return INVALID;
        }
        List<String> known = new ArrayList<>(type.keys());
        if (variantName != null) {
            known.add(0, ConfigType.OneOf.DISCRIMINATOR);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                String where = variantName != null ? " for type '" + variantName + "'" : "";
                at.add(name, "unknown key" + where + "." + Suggestions.didYouMean(name, known)
                        + " Known keys: " + String.join(", ", known) + ".");
            }
        }
        List<ConfigType.Field> fields = type.fields();
        Object[] args = new Object[fields.size()];
        boolean ok = true;
        for (int i = 0; i < fields.size(); i++) {
            ConfigType.Field field = fields.get(i);
            JsonNode child = node.get(field.key());
            if (child == null || child.isNull()) {
                if (field.required()) {
                    at.add(field.key(), "missing; this key is required (" + field.type().displayName() + ": " + field.spec().doc() + ")");
                    ok = false;
                    continue;
                }
                child = defaultNode(field);
                if (child == null) {
                    args[i] = null;
                    continue;
                }
            }
            Object value = value(child, field.type(), field.spec(), at.at(field.key()));
            ok &= value != INVALID;
            args[i] = value;
        }
        if (!ok) {
            return INVALID;
        }
        Record built = construct(type.javaType(), args);
        if (built instanceof Checked checked) {
            int before = at.size();
            checked.check(at);
            if (at.size() > before) {
                return INVALID;
            }
        }
        return built;
    }

    private static Record construct(Class<? extends Record> cls, Object[] args) {
        RecordComponent[] components = cls.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            Constructor<? extends Record> constructor = cls.getDeclaredConstructor(types);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("config record " + cls.getSimpleName() + " rejected bound values: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct config record " + cls.getName(), e);
        }
    }

    private static Object scalar(JsonNode node, ConfigType.Scalar type, Key spec, Problems at) {
        if (!node.isValueNode()) {
            at.add("expected " + article(type) + ", got " + describe(node));
            return INVALID;
        }
        return switch (type.kind()) {
            case NUMBER -> number(node, type, spec, at);
            case INTEGER -> integer(node, type, spec, at);
            case BOOLEAN -> bool(node, at);
            case STRING -> string(node, spec, at);
            case PATH -> path(node, at);
            case ENUM -> enumValue(node, type, at);
        };
    }

    private static Object number(JsonNode node, ConfigType.Scalar type, Key spec, Problems at) {
        double value;
        if (node.isNumber()) {
            value = node.doubleValue();
        } else if (node.isTextual()) {
            try {
                value = Double.parseDouble(node.asText().trim());
            } catch (NumberFormatException e) {
                at.add("expected a number, got " + describe(node));
                return INVALID;
            }
        } else {
            at.add("expected a number, got " + describe(node));
            return INVALID;
        }
        if (!Double.isFinite(value)) {
            at.add("must be a finite number, got " + node.asText());
            return INVALID;
        }
        return inRange(value, spec, node, at) ? value : INVALID;
    }

    private static Object integer(JsonNode node, ConfigType.Scalar type, Key spec, Problems at) {
        long value;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.longValue();
        } else if (node.isNumber() && node.doubleValue() == Math.rint(node.doubleValue()) && Math.abs(node.doubleValue()) < 9e15) {
            value = (long) node.doubleValue();
        } else if (node.isTextual()) {
            try {
                value = Long.parseLong(node.asText().trim());
            } catch (NumberFormatException e) {
                at.add("expected an integer, got " + describe(node));
                return INVALID;
            }
        } else {
            at.add("expected an integer, got " + describe(node));
            return INVALID;
        }
        boolean isInt = type.javaType() == int.class || type.javaType() == Integer.class;
        if (isInt && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
            at.add("must fit a 32-bit integer, got " + value);
            return INVALID;
        }
        if (!inRange(value, spec, node, at)) {
            return INVALID;
        }
        return isInt ? (Object) (int) value : (Object) value;
    }

    private static boolean inRange(double value, Key spec, JsonNode node, Problems at) {
        if (spec == null) {
            return true;
        }
        boolean low = spec.minExclusive() ? value > spec.min() : value >= spec.min();
        boolean high = spec.maxExclusive() ? value < spec.max() : value <= spec.max();
        if (low && high) {
            return true;
        }
        at.add("must be " + Ranges.describe(spec) + ", got " + node.asText());
        return false;
    }

    private static Object bool(JsonNode node, Problems at) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String text = node.asText().trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                at.add("expected true or false, got " + describe(node));
                yield INVALID;
            }
        };
    }

    private static Object string(JsonNode node, Key spec, Problems at) {
        String text = node.asText();
        if (spec != null && spec.allowed().length > 0 && !List.of(spec.allowed()).contains(text)) {
            List<String> allowed = List.of(spec.allowed());
            at.add("must be one of " + String.join(", ", allowed) + ", got '" + text + "'." + Suggestions.didYouMean(text, allowed));
            return INVALID;
        }
        return text;
    }

    private static Object path(JsonNode node, Problems at) {
        String text = node.asText();
        if (text.isBlank()) {
            at.add("expected a file or directory path, got an empty string");
            return INVALID;
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            at.add("not a valid path: '" + text + "' (" + e.getReason() + ")");
            return INVALID;
        }
    }

    private static Object enumValue(JsonNode node, ConfigType.Scalar type, Problems at) {
        String text = node.asText().trim();
        for (Object constant : type.javaType().getEnumConstants()) {
            String name = ConfigTypes.enumName((Enum<?>) constant);
            if (name.equalsIgnoreCase(text) || name.equalsIgnoreCase(text.replace('-', '_'))) {
                return constant;
            }
        }
        at.add("must be one of " + String.join(", ", type.enumValues()) + ", got '" + text + "'."
                + Suggestions.didYouMean(text, type.enumValues()));
        return INVALID;
    }

    private static String article(ConfigType.Scalar type) {
        return switch (type.kind()) {
            case NUMBER -> "a number";
            case INTEGER -> "an integer";
            case BOOLEAN -> "true or false";
            case STRING -> "a string";
            case PATH -> "a path";
            case ENUM -> type.displayName();
        };
    }

    /** A short description of what the user wrote, for "got ..." in messages. */
    static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a section {" + String.join(", ", iterable(node.fieldNames())) + "}";
        }
        if (node.isArray()) {
            return "a list of " + node.size();
        }
        if (node.isTextual()) {
            return "'" + node.asText() + "'";
        }
        return node.asText();
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
