package dev.ithaca.loops;

import dev.ithaca.io.CheckpointFormatException;
import dev.ithaca.io.SafeTensors;
import dev.ithaca.io.TrainingCheckpoint;
import dev.ithaca.metrics.Accuracy;
import dev.ithaca.metrics.Average;
import dev.ithaca.metrics.F1Score;
import dev.ithaca.nn.loss.CrossEntropyLoss;
import dev.ithaca.train.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** Exact resume: from any hook in-process, and after the training process was killed with SIGKILL. */
class CheckpointingTest extends CpuTest {
    @TempDir
    Path dir;

    private record Outcome(List<int[]> weights, List<Map<String, Double>> history, long steps) {
    }

    private static Outcome uninterrupted(List<? extends Callback> callbacks) {
        try (ResumeScenario run = new ResumeScenario(1, callbacks)) {
            History history = run.fit(null);
            return new Outcome(Models.bits(run.model), Models.withoutTimings(history), history.last().get("step").longValue());
        }
    }

    /** A fresh run with other initial weights, continued from {@code checkpoint}. */
    private static Outcome resumed(Path checkpoint, List<? extends Callback> callbacks) {
        try (ResumeScenario run = new ResumeScenario(99, callbacks)) {
            History history = run.fit(Resume.from(checkpoint));
            return new Outcome(Models.bits(run.model), Models.withoutTimings(history), history.last().get("step").longValue());
        }
    }

    private static void assertBitIdentical(List<int[]> actual, List<int[]> expected) {
        assertThat(Models.sameBits(actual, expected)).as("raw float bits of every parameter are equal").isTrue();
    }

    static Stream<Arguments> savePoints() {
        return Stream.of(
                Arguments.of("mid-epoch, inside an accumulation window", (Function<Path, SaveAt>) f -> SaveAt.batchEnd(f, 1, 2)),
                Arguments.of("mid-epoch, right after an optimizer step", (Function<Path, SaveAt>) f -> SaveAt.batchEnd(f, 2, 3)),
                Arguments.of("after the last batch of an epoch", (Function<Path, SaveAt>) f -> SaveAt.batchEnd(f, 0, 6)),
                Arguments.of("after validation, before the epoch's end", (Function<Path, SaveAt>) f -> SaveAt.validationEnd(f, 2)),
                Arguments.of("at an epoch's end", (Function<Path, SaveAt>) f -> SaveAt.epochEnd(f, 1)),
                Arguments.of("at an epoch's beginning", (Function<Path, SaveAt>) f -> SaveAt.epochBegin(f, 3)),
                Arguments.of("at the last epoch's end", (Function<Path, SaveAt>) f -> SaveAt.epochEnd(f, ResumeScenario.EPOCHS - 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("savePoints")
    void aResumedRunEndsBitIdenticalToAnUninterruptedOne(String where, Function<Path, SaveAt> savePoint) {
        Path checkpoint = dir.resolve("checkpoint.safetensors");
        SaveAt save = savePoint.apply(checkpoint);
        Outcome full = uninterrupted(List.of(save));
        assertThat(save.saved()).as("the checkpoint was written").isTrue();
        assertThat(full.steps()).isEqualTo((long) ResumeScenario.EPOCHS * ResumeScenario.STEPS_PER_EPOCH);

        Outcome resumed = resumed(checkpoint, List.of(savePoint.apply(dir.resolve("again.safetensors"))));

        assertBitIdentical(resumed.weights(), full.weights());
        assertThat(resumed.history()).as("train_loss, acc, val_loss, val_acc, lr and steps of every epoch")
                .isEqualTo(full.history());
    }

    @Test
    void theLoopStateRecordsPositionWindowAndRunningValues() throws IOException {
        Path checkpoint = dir.resolve("mid.safetensors");
        uninterrupted(List.of(SaveAt.batchEnd(checkpoint, 1, 2)));
        String loop = SafeTensors.readHeader(checkpoint).metadata().get(TrainingCheckpoint.LOOP_KEY);
        assertThat(loop).contains("\"epoch\":1", "\"next_batch\":3", "\"global_step\":5", "\"epoch_finished\":false",
                "\"window_batches\":1", "\"epoch_loss_count\":24", "\"metric_states\":{\"acc\":", "\"generators\":{\"2.generator\":");
        assertThat(SafeTensors.readHeader(checkpoint).names()).as("the open window's gradients are saved as tensors")
                .anyMatch(name -> name.startsWith("loop/pending_gradients/"));
    }

    @Test
    void aKilledTrainingProcessResumesToTheSameWeights() throws Exception {
        Path killedDir = dir.resolve("killed");
        Path stderr = dir.resolve("child-stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-Dithaca.backend=cpu", "-cp", System.getProperty("java.class.path"),
                KilledRun.class.getName(), killedDir.toString(), "10");
        builder.redirectError(stderr.toFile());
        Process child = builder.start();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> reached = reader.submit(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        if (line.equals("step 10")) {
                            return true;
                        }
                    }
                    return false;
                }
            });
            boolean atStep;
            try {
                atStep = reached.get(60, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                atStep = false;
            }
            if (!atStep) {
                fail("the child never reported step 10; its stderr:\n" + Files.readString(stderr));
            }
        } finally {
            child.destroyForcibly();   // SIGKILL: no shutdown hooks, no finally blocks in the child
            child.waitFor(30, TimeUnit.SECONDS);
            reader.shutdownNow();
        }
        assertThat(child.exitValue()).as("killed, not finished").isEqualTo(137);

        Path last = killedDir.resolve("last.safetensors");
        String loop = SafeTensors.readHeader(last).metadata().get(TrainingCheckpoint.LOOP_KEY);
        assertThat(loop).as("the newest checkpoint is from step 9, one step before the kill").contains("\"global_step\":9");

        Outcome full = uninterrupted(KilledRun.quietCallbacks(dir.resolve("uninterrupted")));
        Outcome resumed = resumed(last, KilledRun.quietCallbacks(killedDir));
        assertBitIdentical(resumed.weights(), full.weights());
        assertThat(resumed.history()).isEqualTo(full.history());
    }

    @Test
    void aFileThatIsNotATrainingCheckpointIsRefused() throws IOException {
        Path plain = dir.resolve("model.safetensors");
        try (ResumeScenario run = new ResumeScenario(1, List.of())) {
            run.model.save(plain);
            assertThatThrownBy(() -> run.fit(Resume.from(plain)))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(CheckpointFormatException.class)
                    .hasMessageContaining(plain.toString())
                    .hasMessageContaining("not a training checkpoint");
            Path missing = dir.resolve("missing.safetensors");
            assertThatThrownBy(() -> run.fit(Resume.from(missing)))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("resume from " + missing);
        }
    }

    @Test
    void aTrainerThatDoesNotMatchTheCheckpointIsRefused() {
        Path checkpoint = dir.resolve("window.safetensors");
        uninterrupted(List.of(SaveAt.batchEnd(checkpoint, 1, 2)));
        try (ResumeScenario run = new ResumeScenario(1, List.of())) {
            Trainer noAccumulation = Trainer.builder().model(run.model).loss(new CrossEntropyLoss()).optimizer(run.optimizer)
                    .scheduler(run.scheduler).callbacks(run.trainer.callbacks()).metric("acc", Accuracy.multiclass(3))
                    .maxEpochs(4).build();
            assertThatThrownBy(() -> noAccumulation.fit(run.train, run.val, Resume.from(checkpoint)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("accumulation window of 1 batches")
                    .hasMessageContaining("accumulates 1");

            Trainer otherMetric = Trainer.builder().model(run.model).loss(new CrossEntropyLoss()).optimizer(run.optimizer)
                    .scheduler(run.scheduler).callbacks(run.trainer.callbacks()).metric("f1", F1Score.multiclass(3, Average.MACRO))
                    .maxEpochs(4).accumulateGradBatches(2).build();
            assertThatThrownBy(() -> otherMetric.fit(run.train, run.val, Resume.from(checkpoint)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no state for metric 'f1'")
                    .hasMessageContaining("[acc]");
        }
    }
}
