package dev.ithaca.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ithaca.cli.CliRun;
import dev.ithaca.cli.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TrainEvaluateGenerateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void twoRunsWithTheSameSeedRecordTheSameLosses() throws IOException {
        Path csv = Fixtures.classificationCsv(dir, 128);
        JsonNode first = train(csv, dir.resolve("a"), "7");
        JsonNode second = train(csv, dir.resolve("b"), "7");
        JsonNode other = train(csv, dir.resolve("c"), "8");
        assertThat(first.path("epochs")).hasSize(2);
        for (int e = 0; e < 2; e++) {
            for (String key : new String[]{"train_loss", "val_loss", "val_accuracy", "lr"}) {
                assertThat(second.path("epochs").get(e).path(key).asDouble()).as(key + " of epoch " + e)
                        .isEqualTo(first.path("epochs").get(e).path(key).asDouble());
            }
        }
        assertThat(other.path("epochs").get(0).path("train_loss").asDouble())
                .isNotEqualTo(first.path("epochs").get(0).path("train_loss").asDouble());
    }

    private JsonNode train(Path csv, Path out, String seed) throws IOException {
        Path config = Fixtures.csvConfig(Files.createDirectories(dir.resolve("config-" + out.getFileName())), csv, out);
        CliRun run = CliRun.of("train", "--config", config.toString(), "--set", "training.seed=" + seed);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return JSON.readTree(out.resolve("training_metrics.json").toFile());
    }

    @Test
    void trainRecordsEverythingAndEvaluateReproducesTheFinalMetrics() throws IOException {
        Path out = dir.resolve("run");
        Path config = Fixtures.csvConfig(dir, Fixtures.classificationCsv(dir, 128), out);
        CliRun run = CliRun.of("train", "-c", config.toString(), "--set", "scheduler={type: step, step_size: 1, gamma: 0.5}",
                "--set", "callbacks.csv_log=true");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Training Mlp", "Final: val_loss=", "Reports: ");

        JsonNode metrics = JSON.readTree(out.resolve("training_metrics.json").toFile());
        assertThat(metrics.path("command").asText()).isEqualTo("train");
        assertThat(metrics.at("/hyperparameters/scheduler.gamma").asDouble()).isEqualTo(0.5);
        assertThat(metrics.at("/hyperparameters/optimizer.momentum").asDouble()).isEqualTo(0.9);
        assertThat(metrics.at("/config/model/hidden_sizes/0").asInt()).isEqualTo(8);
        assertThat(metrics.at("/model/parameters").asLong()).isEqualTo(4 * 8 + 8 + 8 * 3 + 3);
        assertThat(metrics.at("/epochs/0/lr").asDouble()).isEqualTo(0.1);
        assertThat(metrics.at("/epochs/1/lr").asDouble()).isEqualTo(0.05);
        assertThat(metrics.at("/final/val_accuracy").isNumber()).isTrue();
        assertThat(out.resolve("metrics.csv")).exists();
        assertThat(out.resolve("config.json")).exists();
        assertThat(Files.readString(out.resolve("report.html"))).contains("<img src=\"loss.png\"", "val_accuracy");

        CliRun evaluate = CliRun.of("evaluate", "--run", out.toString(), "--output", dir.resolve("eval.json").toString());
        assertThat(evaluate.exitCode()).as(evaluate.toString()).isZero();
        JsonNode result = JSON.readTree(dir.resolve("eval.json").toFile());
        assertThat(result.path("split").asText()).isEqualTo("validation");
        assertThat(result.path("examples").asInt()).isEqualTo(32);
        assertThat(result.at("/metrics/val_loss").asDouble()).isEqualTo(metrics.at("/final/val_loss").asDouble());
        assertThat(result.at("/metrics/val_accuracy").asDouble()).isEqualTo(metrics.at("/final/val_accuracy").asDouble());
        assertThat(evaluate.out()).contains("\"val_loss\"");

        CliRun noTest = CliRun.of("evaluate", "--run", out.toString(), "--split", "test");
        assertThat(noTest.exitCode()).isEqualTo(1);
        assertThat(noTest.err()).contains("--split test: the config names no test data");
    }

    @Test
    void generateContinuesAPromptWithTheTrainedLanguageModel() throws IOException {
        Path corpus = Files.writeString(dir.resolve("corpus.txt"), Fixtures.text(300));
        Path out = dir.resolve("lm");
        CliRun train = CliRun.of("train", "-c", "../examples/lm-quick.yaml", "-o", out.toString(), "--set", "data.paths=[" + corpus + "]",
                "--set", "tokenizer.vocab_size=280", "--set", "model.context_length=16", "--set", "model.d_model=16",
                "--set", "training.limit_train_batches=10");
        assertThat(train.exitCode()).as(train.toString()).isZero();
        assertThat(out.resolve("tokenizer.json")).exists();

        CliRun greedy = CliRun.of("generate", "--run", out.toString(), "--prompt", "The king", "--max-tokens", "12", "--temperature", "0");
        assertThat(greedy.exitCode()).as(greedy.toString()).isZero();
        assertThat(greedy.out()).startsWith("The king");
        assertThat(greedy.err()).contains("(12 new tokens in");
        CliRun again = CliRun.of("generate", "--run", out.toString(), "--prompt", "The king", "-n", "12", "-t", "0");
        assertThat(again.out()).isEqualTo(greedy.out());

        CliRun sampled = CliRun.of("generate", "--run", out.toString(), "-p", "The king", "-n", "12", "-t", "1.0", "-k", "5", "--seed", "3");
        CliRun sampledAgain = CliRun.of("generate", "--run", out.toString(), "-p", "The king", "-n", "12", "-t", "1.0", "-k", "5", "--seed", "3");
        assertThat(sampled.exitCode()).isZero();
        assertThat(sampled.out()).isEqualTo(sampledAgain.out());

        CliRun evaluate = CliRun.of("evaluate", "--run", out.toString());
        assertThat(evaluate.exitCode()).as(evaluate.toString()).isZero();
        assertThat(evaluate.out()).contains("\"val_perplexity\"");

        Path missing = dir.resolve("nowhere");
        assertThat(CliRun.of("generate", "--run", missing.toString(), "-p", "x").exitCode()).isEqualTo(2);
    }
}
