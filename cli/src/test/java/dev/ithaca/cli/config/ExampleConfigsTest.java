package dev.ithaca.cli.config;

import dev.ithaca.cli.config.bind.ConfigException;
import dev.ithaca.cli.config.bind.Overrides;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every example in examples/ parses and validates, and the jar bundles an identical copy. */
class ExampleConfigsTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void everyExampleConfigIsValid() throws IOException, ConfigException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(EXAMPLES)) {
            files = listing.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("fashion-mnist-mlp.yaml",
                "fashion-mnist-lenet5.yaml", "lm-quick.yaml", "lm-default.yaml", "lm-high-quality.yaml", "lm-low-memory.yaml");
        for (Path file : files) {
            RunConfig config = ConfigFiles.load(file, new Overrides());
            assertThat(config.outputDir()).as(file.toString()).isNotNull();
            assertThat(ConfigFiles.bundledText(file.getFileName().toString())).as("bundled copy of " + file)
                    .isEqualTo(Files.readString(file));
        }
    }

    @Test
    void languageModelExamplesAreLanguageModels() throws ConfigException {
        for (String name : List.of("lm-quick.yaml", "lm-default.yaml", "lm-high-quality.yaml", "lm-low-memory.yaml")) {
            RunConfig config = ConfigFiles.bundled(name, new Overrides());
            assertThat(config.isLanguageModel()).as(name).isTrue();
            assertThat(config.metrics()).as(name).contains(new MetricConfig.Perplexity());
        }
    }
}
