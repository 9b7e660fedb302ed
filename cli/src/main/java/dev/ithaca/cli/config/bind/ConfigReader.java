package dev.ithaca.cli.config.bind;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** YAML text plus {@code --set} overrides to a validated config record, or a {@link ConfigException} listing every problem. */
public final class ConfigReader {
    private ConfigReader() {
    }

    /**
     * @param source    what the text came from, for messages ({@code run.yaml})
     * @param yaml      the document; empty means every key takes its default
     * @param overrides applied over the document before binding
     */
    public static <T> T read(String source, String yaml, Overrides overrides, Class<T> type) throws ConfigException {
        JsonNode document;
        try {
            document = Yaml.parseDocument(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException(source, "YAML syntax error" + where + ": " + e.getOriginalMessage());
        }
        ObjectNode root;
        if (document.isNull()) {
            root = JsonNodeFactory.instance.objectNode();
        } else if (document instanceof ObjectNode object) {
            root = object;
        } else {
            throw new ConfigException(source, "the document must be a mapping of sections (data:, model:, ...), got "
                    + Binder.describe(document));
        }
        Problems problems = new Problems();
        overrides.applyTo(root, problems);
        T bound = problems.isEmpty() ? Binder.bind(root, type, problems) : null;
        if (!problems.isEmpty()) {
            List<String> messages = problems.problems().stream().map(p -> {
                String origin = overrides.originOf(p.path());
                return p + (origin == null ? "" : " (from --set " + origin + ")");
            }).toList();
            throw new ConfigException(source, messages);
        }
        return bound;
    }
}
