package dev.ithaca.cli.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ithaca.cli.config.bind.Binder;
import dev.ithaca.cli.config.bind.ConfigType;
import dev.ithaca.cli.config.bind.ConfigTypes;
import dev.ithaca.cli.config.bind.Key;

import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON Schema (draft 2020-12) of a config record, derived from the same {@link Key} annotations the
 * binder enforces: types, defaults, ranges, allowed values, required keys, no unknown keys. Each
 * record becomes a named definition under {@code $defs}; a sealed family becomes a {@code oneOf}
 * keyed by {@code type}. Editors with YAML language servers use it for completion and checking.
 */
public final class ConfigSchema {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, ObjectNode> definitions = new TreeMap<>();

    private ConfigSchema() {
    }

    public static ObjectNode of(Class<? extends Record> root, String id, String title) {
        ConfigSchema schema = new ConfigSchema();
        ObjectNode out = NODES.objectNode();
        out.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        out.put("$id", id);
        out.put("title", title);
        ObjectNode body = schema.recordSchema((ConfigType.RecordOf) ConfigTypes.of(root), null);
        out.setAll(body);
        ObjectNode defs = out.putObject("$defs");
        schema.definitions.forEach(defs::set);
        return out;
    }

    private ObjectNode schema(ConfigType type, Key spec) {
        if (type instanceof ConfigType.Scalar scalar) {
            return scalar(scalar, spec);
        }
        if (type instanceof ConfigType.ListOf list) {
            ObjectNode node = NODES.objectNode();
            node.put("type", "array");
            node.set("items", schema(list.element(), spec));
            if (spec != null && spec.minItems() > 0) {
                node.put("minItems", spec.minItems());
            }
            return node;
        }
        if (type instanceof ConfigType.RecordOf record) {
            return reference(record.javaType().getSimpleName(), record, null);
        }
        ConfigType.OneOf oneOf = (ConfigType.OneOf) type;
        String name = oneOf.javaType().getSimpleName();
        if (!definitions.containsKey(name)) {
            definitions.put(name, NODES.objectNode());
            ObjectNode family = NODES.objectNode();
            family.put("description", oneOf.doc());
            ArrayNode anyOf = family.putArray("anyOf");
            ObjectNode shorthand = anyOf.addObject();
            shorthand.put("description", "A bare type name: that " + name + " with every default.");
            ArrayNode names = shorthand.putArray("enum");
            oneOf.variants().keySet().forEach(names::add);
            ObjectNode variants = anyOf.addObject();
            ArrayNode options = variants.putArray("oneOf");
            oneOf.variants().forEach((variant, record) ->
                    options.add(reference(name + "." + variant, record, variant)));
            definitions.put(name, family);
        }
        return ref(name);
    }

    private ObjectNode reference(String name, ConfigType.RecordOf record, String variant) {
        if (!definitions.containsKey(name)) {
            definitions.put(name, NODES.objectNode());
            definitions.put(name, recordSchema(record, variant));
        }
        return ref(name);
    }

    private ObjectNode recordSchema(ConfigType.RecordOf record, String variant) {
        ObjectNode node = NODES.objectNode();
        node.put("type", "object");
        if (!record.doc().isEmpty()) {
            node.put("description", record.doc());
        }
        ObjectNode properties = node.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        if (variant != null) {
            properties.putObject(ConfigType.OneOf.DISCRIMINATOR).put("const", variant);
            required.add(ConfigType.OneOf.DISCRIMINATOR);
        }
        for (ConfigType.Field field : record.fields()) {
            ObjectNode property = schema(field.type(), field.spec()).deepCopy();
            ObjectNode described = NODES.objectNode();
            described.put("description", field.spec().doc());
            described.setAll(property);
            JsonNode defaultValue = Binder.defaultNode(field);
            if (defaultValue != null) {
                described.set("default", defaultValue);
            }
            properties.set(field.key(), described);
            if (field.required()) {
                required.add(field.key());
            }
        }
        if (!required.isEmpty()) {
            node.set("required", required);
        }
        node.put("additionalProperties", false);
        return node;
    }

    private static ObjectNode scalar(ConfigType.Scalar scalar, Key spec) {
        ObjectNode node = NODES.objectNode();
        switch (scalar.kind()) {
            case NUMBER -> node.put("type", "number");
            case INTEGER -> node.put("type", "integer");
            case BOOLEAN -> node.put("type", "boolean");
            case STRING, PATH -> node.put("type", "string");
            case ENUM -> {
                node.put("type", "string");
                ArrayNode values = node.putArray("enum");
                scalar.enumValues().forEach(values::add);
            }
        }
        if (spec != null && (scalar.kind() == ConfigType.Scalar.Kind.NUMBER || scalar.kind() == ConfigType.Scalar.Kind.INTEGER)) {
            if (spec.min() != Double.NEGATIVE_INFINITY) {
                putNumber(node, spec.minExclusive() ? "exclusiveMinimum" : "minimum", spec.min());
            }
            if (spec.max() != Double.POSITIVE_INFINITY) {
                putNumber(node, spec.maxExclusive() ? "exclusiveMaximum" : "maximum", spec.max());
            }
        }
        if (spec != null && scalar.kind() == ConfigType.Scalar.Kind.STRING && spec.allowed().length > 0) {
            ArrayNode values = node.putArray("enum");
            for (String allowed : spec.allowed()) {
                values.add(allowed);
            }
        }
        return node;
    }

    private static void putNumber(ObjectNode node, String key, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            node.put(key, (long) value);
        } else {
            node.put(key, value);
        }
    }

    private static ObjectNode ref(String name) {
        ObjectNode node = NODES.objectNode();
        node.put("$ref", "#/$defs/" + name);
        return node;
    }
}
