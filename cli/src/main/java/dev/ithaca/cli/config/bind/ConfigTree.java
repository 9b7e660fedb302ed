package dev.ithaca.cli.config.bind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;

/**
 * A bound config back as a tree, every default filled in: what a run actually used, for
 * {@code training_metrics.json} and for reloading. Binding the tree again gives an equal record.
 */
public final class ConfigTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConfigTree() {
    }

    public static JsonNode of(Object config) {
        return node(config, ConfigTypes.of(config.getClass()));
    }

    private static JsonNode node(Object value, ConfigType type) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (type instanceof ConfigType.ListOf list) {
            ArrayNode array = NODES.arrayNode();
            for (Object element : (List<?>) value) {
                array.add(node(element, list.element()));
            }
            return array;
        }
        if (type instanceof ConfigType.OneOf oneOf) {
            ObjectNode object = NODES.objectNode();
            object.put(ConfigType.OneOf.DISCRIMINATOR, oneOf.nameOf(value));
            object.setAll((ObjectNode) node(value, oneOf.variants().get(oneOf.nameOf(value))));
            return object;
        }
        if (type instanceof ConfigType.RecordOf record) {
            ObjectNode object = NODES.objectNode();
            for (ConfigType.Field field : record.fields()) {
                Object fieldValue = read(value, field);
                if (fieldValue != null) {
                    object.set(field.key(), node(fieldValue, field.type()));
                }
            }
            return object;
        }
        ConfigType.Scalar scalar = (ConfigType.Scalar) type;
        return switch (scalar.kind()) {
            case NUMBER -> NODES.numberNode(((Number) value).doubleValue());
            case INTEGER -> NODES.numberNode(((Number) value).longValue());
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case STRING -> NODES.textNode((String) value);
            case PATH -> NODES.textNode(((Path) value).toString());
            case ENUM -> NODES.textNode(ConfigTypes.enumName((Enum<?>) value));
        };
    }

    private static Object read(Object record, ConfigType.Field field) {
        try {
            return field.component().getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + field.javaName() + " of " + record.getClass().getSimpleName(), e);
        }
    }

    /** Flattens a tree to dotted keys ({@code optimizer.lr -> 0.001}), the hyperparameter list of a report. */
    public static java.util.Map<String, Object> flatten(JsonNode tree) {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        flatten("", tree, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, java.util.Map<String, Object> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else if (node.isArray() && containsContainers(node)) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "." + i, node.get(i), out);
            }
        } else if (node.isArray()) {
            out.put(prefix, node.toString());
        } else if (node.isNumber()) {
            out.put(prefix, node.numberValue());
        } else if (node.isBoolean()) {
            out.put(prefix, node.booleanValue());
        } else {
            out.put(prefix, node.asText());
        }
    }

    private static boolean containsContainers(JsonNode array) {
        for (JsonNode element : array) {
            if (element.isContainerNode()) {
                return true;
            }
        }
        return false;
    }
}
