package dev.ithaca.cli.config.bind;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The one YAML reader of the config: parses documents and single values to Jackson trees. */
public final class Yaml {
    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

    private Yaml() {
    }

    /** Parses a whole document; an empty document is an empty tree ({@link NullNode}). */
    public static JsonNode parseDocument(String text) throws JsonProcessingException {
        JsonNode node = MAPPER.readTree(text);
        return node == null || node.isMissingNode() ? NullNode.getInstance() : node;
    }

    /** Parses one YAML value ({@code 0.1}, {@code true}, {@code [1, 2]}, {@code adamw}); text that does not parse stays text. */
    public static JsonNode parseValue(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? MAPPER.getNodeFactory().textNode(text) : node;
        } catch (JsonProcessingException e) {
            return MAPPER.getNodeFactory().textNode(text);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
