package dev.ithaca.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ithaca.tensor.Tensor;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a state dict (plain data with tensors anywhere inside) into JSON plus a flat map of named
 * tensors, and back. A tensor becomes {@code {"__tensor__": "<name>"}}; a non-finite double becomes
 * {@code {"__float__": "NaN"}} (or {@code "Infinity"}, {@code "-Infinity"}), because JSON has no
 * literal for them. Numbers come back as Integer, Long, BigInteger or Double; map keys as strings.
 */
final class StateCodec {
    static final String TENSOR_TAG = "__tensor__";
    static final String FLOAT_TAG = "__float__";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StateCodec() {
    }

    // ---- encoding --------------------------------------------------------------------------------

    /**
     * JSON text of {@code value}; each tensor found is added to {@code tensors} under a name made of
     * {@code prefix} and its path in the tree (made unique with a {@code #n} suffix if need be).
     */
    static String encode(Object value, String prefix, Map<String, Tensor> tensors) {
        try {
            return JSON.writeValueAsString(toNode(value, prefix, tensors));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write state under '" + prefix + "' as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode toNode(Object value, String path, Map<String, Tensor> tensors) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Tensor tensor) {
            String name = path;
            for (int n = 1; tensors.containsKey(name); n++) {
                name = path + "#" + n;
            }
            tensors.put(name, tensor);
            return NODES.objectNode().put(TENSOR_TAG, name);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = NODES.objectNode();
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                if (node.has(key)) {
                    throw new IllegalArgumentException("state at '" + path + "' has two keys that read '" + key + "' as text");
                }
                node.set(key, toNode(v, path + "/" + key, tensors));
            });
            return node;
        }
        if (value instanceof Collection<?> items) {
            return array(items.iterator(), path, tensors);
        }
        if (value.getClass().isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(Array.get(value, i));
            }
            return array(items.iterator(), path, tensors);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).intValue());
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof BigInteger big) {
            return NODES.numberNode(big);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? NODES.numberNode(d) : NODES.objectNode().put(FLOAT_TAG, Double.toString(d));
        }
        if (value instanceof BigDecimal big) {
            return NODES.numberNode(big);
        }
        throw new IllegalArgumentException("state at '" + path + "' holds a " + value.getClass().getName()
                + "; state dicts hold only numbers, strings, booleans, null, lists, maps and tensors");
    }

    private static ArrayNode array(Iterator<?> items, String path, Map<String, Tensor> tensors) {
        ArrayNode node = NODES.arrayNode();
        for (int i = 0; items.hasNext(); i++) {
            node.add(toNode(items.next(), path + "/" + i, tensors));
        }
        return node;
    }

    // ---- decoding --------------------------------------------------------------------------------

    /**
     * The plain data of {@code json}, with tensor references replaced by the tensors of {@code tensors}.
     *
     * @throws IllegalArgumentException naming what is wrong when the JSON is malformed or refers to a
     *                                  tensor that is not there; the caller turns it into a format error
     */
    static Object decode(String json, Map<String, Tensor> tensors) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("empty JSON");
        }
        return fromNode(root, tensors);
    }

    private static Object fromNode(JsonNode node, Map<String, Tensor> tensors) {
        if (node.isObject()) {
            if (node.size() == 1 && node.has(TENSOR_TAG)) {
                String name = node.get(TENSOR_TAG).asText();
                Tensor tensor = tensors.get(name);
                if (tensor == null) {
                    throw new IllegalArgumentException("the state refers to tensor '" + name + "', which the file does not hold");
                }
                return tensor;
            }
            if (node.size() == 1 && node.has(FLOAT_TAG)) {
                String text = node.get(FLOAT_TAG).asText();
                return switch (text) {
                    case "NaN" -> Double.NaN;
                    case "Infinity" -> Double.POSITIVE_INFINITY;
                    case "-Infinity" -> Double.NEGATIVE_INFINITY;
                    default -> throw new IllegalArgumentException("unknown non-finite float '" + text + "'");
                };
            }
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), fromNode(e.getValue(), tensors)));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(item -> list.add(fromNode(item, tensors)));
            return list;
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isInt()) {
            return node.intValue();
        }
        if (node.isLong()) {
            return node.longValue();
        }
        if (node.isBigInteger()) {
            return node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }
}
