package dev.ithaca.cli.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ithaca.cli.CliRun;
import dev.ithaca.cli.Fixtures;
import dev.ithaca.data.text.Tokenizer;
import dev.ithaca.data.text.Tokenizers;
import dev.ithaca.io.TrainingCheckpoint;
import dev.ithaca.models.GptConfig;
import dev.ithaca.models.GptLanguageModel;
import dev.ithaca.nn.GELU;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole pipeline in-process on a corpus made here: every artifact, then a resume that redoes nothing finished. */
class PipelineEndToEndTest {
    /** A model and run small enough for seconds: lm-quick.yaml shrunk further with --set. */
    static final List<String> TINY = List.of("--config", "../examples/lm-quick.yaml", "--vocab-size", "290", "--context-length", "16",
            "--batch-size", "8", "--set", "model.d_model=16", "--set", "training.limit_train_batches=12",
            "--set", "training.limit_val_batches=4", "--set", "generation.latency_runs=2", "--set", "generation.max_tokens=8",
            "--epochs", "2", "--set", "callbacks.checkpoint.save_top_k=-1");

    @TempDir
    Path dir;

    @Test
    void producesEveryArtifactAndResumesWithoutRedoingFinishedPhases() throws IOException {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Files.writeString(corpus.resolve("a.txt"), Fixtures.text(400));
        Files.writeString(corpus.resolve("b.txt"), Fixtures.text(200));
        Path out = dir.resolve("run");

        CliRun first = run(corpus, out);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("[1/4] Corpus", "[2/4] Tokenizer", "[3/4] Model", "[4/4] Validation", "Artifacts:");

        Tokenizer tokenizer = Tokenizers.load(out.resolve("tokenizer.json"));
        assertThat(tokenizer.vocabSize()).isBetween(257, 290);
        assertThat(tokenizer.decode(tokenizer.encode("The king went up."))).isEqualTo("The king went up.");

        GptLanguageModel model = new GptLanguageModel(new GptConfig(tokenizer.vocabSize(), 16, 16, 1, 2, 0, GELU.Approximation.TANH, true), 9);
        TrainingCheckpoint.restoreModel(out.resolve("checkpoints/last.safetensors"), model);
        model.load(out.resolve("model.safetensors"), true);

        JsonNode metrics = new ObjectMapper().readTree(out.resolve("training_metrics.json").toFile());
        assertThat(metrics.path("command").asText()).isEqualTo("pipeline");
        assertThat(metrics.path("outcome").path("status").asText()).isEqualTo("completed");
        assertThat(metrics.path("epochs")).hasSize(2);
        JsonNode epoch = metrics.path("epochs").get(0);
        for (String key : List.of("train_loss", "val_loss", "lr", "samples_per_second", "tokens_per_second", "epoch_seconds", "wall_seconds")) {
            assertThat(epoch.path(key).isNumber()).as(key).isTrue();
        }
        assertThat(metrics.at("/hyperparameters/optimizer.lr").asDouble()).isEqualTo(0.003);
        assertThat(metrics.at("/hyperparameters/model.d_model").asInt()).isEqualTo(16);
        assertThat(metrics.at("/config/tokenizer/vocab_size").asInt()).isEqualTo(290);
        assertThat(metrics.at("/config/data/paths/0").asText()).isEqualTo(corpus.toString());
        JsonNode pipeline = metrics.path("pipeline");
        assertThat(pipeline.path("val_loss").asDouble()).isPositive();
        assertThat(pipeline.path("val_perplexity").asDouble()).isCloseTo(Math.exp(pipeline.path("val_loss").asDouble()),
                org.assertj.core.data.Percentage.withPercentage(1e-4));
        assertThat(pipeline.path("latency_p50_ms").asDouble()).isPositive();
        assertThat(pipeline.path("latency_p95_ms").asDouble()).isGreaterThanOrEqualTo(pipeline.path("latency_p50_ms").asDouble());
        assertThat(pipeline.path("peak_rss_mb").asDouble()).isPositive();
        assertThat(pipeline.path("samples").get(0).path("text").asText()).startsWith("The ");
        assertThat(pipeline.path("phases").fieldNames()).toIterable().contains("corpus", "tokenizer", "training", "validation");

        String html = Files.readString(out.resolve("report.html"));
        Matcher images = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        int charts = 0;
        while (images.find()) {
            Path chart = out.resolve(images.group(1));
            assertThat(chart).exists();
            assertThat(Files.readAllBytes(chart)).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            charts++;
        }
        assertThat(charts).isEqualTo(2);

        // simulate a crash during the second epoch: only epoch 0's checkpoint survives and the model phase is unrecorded;
        // --resume then skips corpus and tokenizer and trains just the missing epoch, to exactly the uninterrupted result
        JsonNode uninterrupted = metrics.path("epochs");
        Path epochZero;
        try (var files = Files.list(out.resolve("checkpoints"))) {
            epochZero = files.filter(p -> p.getFileName().toString().startsWith("epoch=0-")).findFirst().orElseThrow();
        }
        Files.copy(epochZero, out.resolve("checkpoints/last.safetensors"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        com.fasterxml.jackson.databind.node.ObjectNode state =
                (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(out.resolve("pipeline-state.json").toFile());
        state.remove(List.of("training", "validation"));
        Files.writeString(out.resolve("pipeline-state.json"), state.toString());
        FileTime tokenizerWritten = Files.getLastModifiedTime(out.resolve("tokenizer.json"));

        CliRun resumed = run(corpus, out, "--resume");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).contains("[1/4] Corpus\n      skipped: finished earlier", "[2/4] Tokenizer\n      skipped: finished earlier",
                "Resuming from " + out.resolve("checkpoints/last.safetensors"));
        assertThat(Files.getLastModifiedTime(out.resolve("tokenizer.json"))).isEqualTo(tokenizerWritten);
        JsonNode continued = new ObjectMapper().readTree(out.resolve("training_metrics.json").toFile()).path("epochs");
        assertThat(continued).hasSize(2);
        for (int e = 0; e < 2; e++) {
            assertThat(continued.get(e).path("train_loss").asDouble()).isEqualTo(uninterrupted.get(e).path("train_loss").asDouble());
            assertThat(continued.get(e).path("val_loss").asDouble()).isEqualTo(uninterrupted.get(e).path("val_loss").asDouble());
        }

        // everything finished: a third --resume only re-reports
        CliRun again = run(corpus, out, "--resume");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("[3/4] Model\n      skipped: finished earlier", "[4/4] Validation\n      skipped: finished earlier");
    }

    @Test
    void checksumMismatchOfADownloadIsADataError() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.serving("/corpus.txt", Fixtures.text(50).getBytes())) {
            Path out = dir.resolve("run");
            CliRun run = CliRun.of("pipeline", "--corpus-url", server.url("/corpus.txt"), "--sha256", "0".repeat(64),
                    "--output-dir", out.toString(), "--config", "../examples/lm-quick.yaml");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).contains("checksum mismatch").contains("was deleted");
            assertThat(out.resolve("downloads/corpus.txt.part")).doesNotExist();
            assertThat(out.resolve("downloads/corpus.txt")).doesNotExist();
        }
    }

    private static CliRun run(Path corpus, Path out, String... more) {
        java.util.ArrayList<String> args = new java.util.ArrayList<>(List.of("pipeline", "--corpus-path", corpus.toString(),
                "--output-dir", out.toString()));
        args.addAll(TINY);
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }
}
