package dev.ithaca.cli.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The generated docs in docs/ must match the code: regenerate with {@code bin/ithaca docs --output-dir docs}. */
class GeneratedDocsTest {
    private static final Path DOCS = Path.of("..", "docs");

    @Test
    void checkedInGeneratedDocsAreCurrent() throws IOException {
        for (Map.Entry<String, String> file : GeneratedDocs.render().entrySet()) {
            Path path = DOCS.resolve(file.getKey());
            if (!Files.exists(path) || !Files.readString(path).equals(file.getValue())) {
                fail("docs/" + file.getKey() + " is stale or missing: the config records or commands changed."
                        + " Regenerate with: bin/ithaca docs --output-dir docs");
            }
        }
    }

    @Test
    void schemaHasEverySectionRequiredKeysAndNoUnknownKeys() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(GeneratedDocs.render().get(GeneratedDocs.SCHEMA));
        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("properties").fieldNames()).toIterable().containsExactly("data", "tokenizer", "model", "optimizer",
                "scheduler", "training", "callbacks", "metrics", "generation", "backend", "output_dir");
        assertThat(schema.get("required")).extracting(JsonNode::asText).containsExactly("data", "model", "optimizer");
        assertThat(schema.get("additionalProperties").asBoolean()).isFalse();

        JsonNode adamw = schema.at("/$defs/OptimizerConfig.adamw");
        assertThat(adamw.at("/properties/type/const").asText()).isEqualTo("adamw");
        assertThat(adamw.at("/properties/lr/exclusiveMinimum").asInt()).isZero();
        assertThat(adamw.at("/properties/weight_decay/default").asDouble()).isEqualTo(0.01);
        assertThat(adamw.at("/properties/betas/items/exclusiveMaximum").asInt()).isEqualTo(1);
        assertThat(schema.at("/$defs/OptimizerConfig/anyOf/1/oneOf")).hasSize(5);
        assertThat(schema.at("/$defs/SchedulerConfig/anyOf/1/oneOf")).hasSize(10);
        assertThat(schema.at("/$defs/TrainingConfig/properties/gradient_clip_algorithm/enum"))
                .extracting(JsonNode::asText).containsExactly("norm", "value");
    }

    @Test
    void referenceDocumentsEveryVariantAndTheExitCodes() {
        String reference = GeneratedDocs.render().get(GeneratedDocs.REFERENCE);
        assertThat(reference).contains("### `optimizer` with `type: rmsprop`", "### `scheduler` with `type: one_cycle`",
                "### `data` with `type: fashion_mnist`", "## `callbacks.early_stopping`",
                "| `lr` | number | `0.001` | &gt; 0 | Learning rate. |", "| 3 | training diverged");
        String cli = GeneratedDocs.render().get(GeneratedDocs.CLI);
        assertThat(cli).contains("## `ithaca info`", "Exit codes:");
    }
}
