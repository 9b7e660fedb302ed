package dev.ithaca.callbacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ithaca.nn.Linear;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoggingCallbackTest {
    @TempDir
    Path dir;

    private final Linear model = new Linear(2, 2);
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);

    @AfterEach
    void free() {
        model.close();
    }

    private List<JsonNode> lines(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            nodes.add(json.readTree(line));
        }
        return nodes;
    }

    @Test
    void progressBarShowsEpochStepsAndLiveMetrics() {
        LoggingCallback logging = LoggingCallback.builder().out(out).updateIntervalMillis(1).build();
        TestState state = new TestState(model, logging);
        state.maxEpochs = 2;
        state.fire(c -> c.onTrainBegin(state));
        state.runEpoch(5, 0.25, 0.5);
        state.runEpoch(5, 0.125, 0.375);
        state.fire(c -> c.onTrainEnd(state));
        String text = console.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("Epoch 1/2", "Epoch 2/2", "5/5", "it/s", "loss=0.2500", "val_loss=0.5000", "loss=0.1250",
                "val_loss=0.3750");
    }

    @Test
    void barDuringTheEpochShowsTrainingMetricsOnly() {
        assertThat(LoggingCallback.describe(Map.of("loss", 0.5, "acc", 0.25, "val_loss", 0.75), false))
                .isEqualTo("loss=0.5000 acc=0.2500");
        assertThat(LoggingCallback.describe(Map.of("loss", Double.NaN, "val_loss", 0.75), true))
                .isEqualTo("loss=NaN val_loss=0.7500");
    }

    @Test
    void quietModeDrawsNothingAndWritesOneLinePerEpoch() throws IOException {
        Path log = dir.resolve("logs/metrics.jsonl");
        LoggingCallback logging = LoggingCallback.builder().out(out).quiet(true).logFile(log).build();
        TestState state = new TestState(model, logging);
        state.runEpoch(3, 0.5, 0.25);
        state.runEpoch(3, Double.NaN, 0.125);
        state.fire(c -> c.onTrainEnd(state));

        assertThat(console.size()).isZero();
        List<JsonNode> lines = lines(log);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("event").asText()).isEqualTo("epoch");
        assertThat(lines.get(0).get("epoch").asInt()).isZero();
        assertThat(lines.get(0).get("step").asLong()).isEqualTo(3);
        assertThat(lines.get(0).get("loss").asDouble()).isEqualTo(0.5);
        assertThat(lines.get(0).get("val_loss").asDouble()).isEqualTo(0.25);
        assertThat(lines.get(0).get("epoch_seconds").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(lines.get(1).get("loss").asText()).isEqualTo("NaN");
        assertThat(lines.get(1).get("step").asLong()).isEqualTo(6);
    }

    @Test
    void stepLinesEveryNStepsAndAppendingOnResume() throws IOException {
        Path log = dir.resolve("metrics.jsonl");
        LoggingCallback first = LoggingCallback.builder().quiet(true).logFile(log).logEveryNSteps(2).build();
        TestState state = new TestState(model, first);
        state.runEpoch(4, 0.5, null);
        state.fire(c -> c.onTrainEnd(state));

        LoggingCallback resumed = LoggingCallback.builder().quiet(true).logFile(log).logEveryNSteps(2).build();
        state.callbacks.set(0, resumed);
        state.runEpoch(2, 0.25, null);
        resumed.close();

        List<JsonNode> lines = lines(log);
        assertThat(lines).extracting(n -> n.get("event").asText() + "@" + n.get("step").asLong())
                .containsExactly("step@2", "step@4", "epoch@4", "step@6", "epoch@6");
    }

    @Test
    void exceptionClosesTheBarAndTheFile() throws IOException {
        Path log = dir.resolve("metrics.jsonl");
        LoggingCallback logging = LoggingCallback.builder().out(out).logFile(log).logEveryNSteps(1).build();
        TestState state = new TestState(model, logging);
        state.fire(c -> c.onEpochBegin(state));
        state.globalStep = 1;
        state.metrics.put("loss", 2.0);
        state.fire(c -> c.onBatchEnd(state));
        state.fire(c -> c.onException(state, new IllegalStateException("boom")));
        assertThat(lines(log)).hasSize(1);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("Epoch 1", "loss=2.000");
    }

    @Test
    void badOptionsAreRejected() {
        assertThatThrownBy(() -> LoggingCallback.builder().logEveryNSteps(-3)).hasMessageContaining("-3");
        assertThatThrownBy(() -> LoggingCallback.builder().updateIntervalMillis(0)).hasMessageContaining("updateIntervalMillis");
        assertThatThrownBy(() -> LoggingCallback.builder().barWidth(10)).hasMessageContaining("10");
    }
}
