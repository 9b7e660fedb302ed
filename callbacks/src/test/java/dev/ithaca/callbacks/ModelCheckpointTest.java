package dev.ithaca.callbacks;

import dev.ithaca.io.TrainingCheckpoint;
import dev.ithaca.nn.Linear;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelCheckpointTest {
    @TempDir
    Path dir;

    private final Linear model = new Linear(2, 2);

    @AfterEach
    void free() {
        model.close();
    }

    private List<String> files(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).sorted().toList();
        }
    }

    private List<String> files() throws IOException {
        return files(dir);
    }

    /** Runs one-batch epochs with these validation losses. */
    private TestState run(Callback checkpoint, double... valLosses) {
        TestState state = new TestState(model, checkpoint);
        for (double v : valLosses) {
            state.runEpoch(1, 1.0, v);
        }
        return state;
    }

    private static ModelCheckpoint.Builder byLoss(Path dir) {
        return ModelCheckpoint.builder(dir).monitor("val_loss").filename("epoch={epoch}");
    }

    @Test
    void defaultsKeepTheSingleBestUnderAnEpochAndStepName() throws IOException {
        ModelCheckpoint mc = ModelCheckpoint.builder(dir).monitor("val_loss").build();
        run(mc, 0.5, 0.4, 0.45);
        assertThat(files()).containsExactly("epoch=1-step=2.safetensors");
        assertThat(mc.bestModelPath()).contains(dir.resolve("epoch=1-step=2.safetensors").toAbsolutePath());
        assertThat(mc.bestModelScore()).contains(0.4);
    }

    @Test
    void topKKeepsTheKBestAndDeletesTheRest() throws IOException {
        ModelCheckpoint mc = byLoss(dir).saveTopK(2).build();
        run(mc, 0.5, 0.3, 0.4, 0.2, 0.9);
        assertThat(files()).containsExactly("epoch=1.safetensors", "epoch=3.safetensors");
        assertThat(mc.bestModelScore()).contains(0.2);
        assertThat(mc.bestKModels().values()).containsExactly(0.3, 0.2);
    }

    @Test
    void onTiesTheOlderCheckpointStaysAndTheOldestOfEqualWorstGoesFirst() throws IOException {
        ModelCheckpoint mc = byLoss(dir).saveTopK(2).build();
        run(mc, 0.5, 0.5, 0.5);
        assertThat(files()).containsExactly("epoch=0.safetensors", "epoch=1.safetensors");
        // a better one displaces the oldest of the equal worst (epoch 0); a new run's epoch 0 may take its name
        run(mc, 0.4);
        assertThat(files()).containsExactly("epoch=0.safetensors", "epoch=1.safetensors");
        assertThat(mc.bestKModels().values()).containsExactly(0.5, 0.4);
        assertThat(mc.bestModelScore()).contains(0.4);
    }

    @Test
    void topOneWithEqualMetricsKeepsTheFirst() throws IOException {
        ModelCheckpoint mc = byLoss(dir).saveTopK(1).build();
        run(mc, 0.5, 0.5, 0.5);
        assertThat(files()).containsExactly("epoch=0.safetensors");
    }

    @Test
    void saveTopKMinusOneKeepsEveryCheckpointEvenWithEqualMetrics() throws IOException {
        ModelCheckpoint mc = byLoss(dir).saveTopK(-1).build();
        run(mc, 0.5, 0.5, 0.7, 0.1);
        assertThat(files()).containsExactly("epoch=0.safetensors", "epoch=1.safetensors", "epoch=2.safetensors",
                "epoch=3.safetensors");
        assertThat(mc.bestModelPath()).contains(dir.resolve("epoch=3.safetensors"));
    }

    @Test
    void saveTopKZeroSavesNothingButTheLastFileWhenAsked() throws IOException {
        run(byLoss(dir).saveTopK(0).build(), 0.5, 0.4);
        assertThat(files()).isEmpty();

        ModelCheckpoint withLast = byLoss(dir).saveTopK(0).saveLast(true).build();
        run(withLast, 0.5, 0.4, 0.6);
        assertThat(files()).containsExactly("last.safetensors");
        assertThat(TrainingCheckpoint.restore(dir.resolve("last.safetensors"), model, null, null, List.of()))
                .containsEntry("epoch", 2);
    }

    @Test
    void maxModeKeepsTheLargest() throws IOException {
        ModelCheckpoint mc = byLoss(dir).mode("max").saveTopK(2).build();
        run(mc, 0.5, 0.3, 0.4, 0.6);
        assertThat(files()).containsExactly("epoch=0.safetensors", "epoch=3.safetensors");
    }

    @Test
    void nanRanksAsTheWorst() throws IOException {
        ModelCheckpoint mc = byLoss(dir).saveTopK(2).build();
        run(mc, Double.NaN, 0.5, 0.9, Double.NaN);
        assertThat(files()).containsExactly("epoch=1.safetensors", "epoch=2.safetensors");
        assertThat(mc.bestKModels().values()).containsExactly(0.5, 0.9);
        assertThat(mc.stateDict().get("best_k_models")).asList().hasSize(2);
    }

    @Test
    void withoutMonitorTopOneKeepsTheNewestAndMinusOneKeepsAll() throws IOException {
        Path newest = Files.createDirectory(dir.resolve("newest"));
        run(ModelCheckpoint.builder(newest).build(), 0.5, 0.4, 0.9);
        assertThat(files(newest)).containsExactly("epoch=2-step=3.safetensors");

        Path all = Files.createDirectory(dir.resolve("all"));
        run(ModelCheckpoint.builder(all).saveTopK(-1).build(), 0.5, 0.4);
        assertThat(files(all)).containsExactly("epoch=0-step=1.safetensors", "epoch=1-step=2.safetensors");

        assertThatThrownBy(() -> ModelCheckpoint.builder(dir).saveTopK(3).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("saveTopK=3").hasMessageContaining("monitor");
    }

    @Test
    void everyNEpochsSavesAtTheEndOfEveryNthEpoch() throws IOException {
        run(byLoss(dir).saveTopK(-1).everyNEpochs(2).build(), 0.5, 0.4, 0.3, 0.2, 0.1);
        assertThat(files()).containsExactly("epoch=1.safetensors", "epoch=3.safetensors");
    }

    @Test
    void everyNStepsSavesAfterEveryNthStepAndNotAtEpochEnds() throws IOException {
        ModelCheckpoint mc = ModelCheckpoint.builder(dir).filename("step={step}").saveTopK(-1).everyNSteps(3).build();
        TestState state = new TestState(model, mc);
        state.runEpoch(4, 1.0, 0.5);
        state.runEpoch(4, 1.0, 0.4);
        assertThat(files()).containsExactly("step=3.safetensors", "step=6.safetensors");

        assertThatThrownBy(() -> ModelCheckpoint.builder(dir).everyNSteps(3).everyNEpochs(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mutually exclusive");
        assertThatThrownBy(() -> ModelCheckpoint.builder(dir).everyNSteps(-1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> ModelCheckpoint.builder(dir).saveTopK(-2)).hasMessageContaining("-2");
    }

    @Test
    void stepAlreadySavedIsNotSavedAgain() throws IOException {
        ModelCheckpoint mc = ModelCheckpoint.builder(dir).saveTopK(-1).build();
        TestState state = new TestState(model, mc);
        state.runEpoch(1, 1.0, 0.5);
        state.runEpoch(0, 1.0, 0.5);
        assertThat(files()).containsExactly("epoch=0-step=1.safetensors");
    }

    @Test
    void monitorMissingWarnsOnceBeforeValidationAndFailsAfter() throws IOException {
        ModelCheckpoint mc = ModelCheckpoint.builder(dir).monitor("val_acc").everyNSteps(1).build();
        TestState state = new TestState(model, mc);
        try (LogCapture log = new LogCapture(ModelCheckpoint.class)) {
            state.runEpoch(2, 1.0, null);
            assertThat(log.warnings()).singleElement().asString().contains("val_acc");
        }
        assertThat(files()).isEmpty();
        state.runEpoch(1, 1.0, 0.5);
        assertThatThrownBy(() -> state.runEpoch(1, 1.0, 0.5))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'val_acc'");
    }

    @Test
    void filenameTemplateFormatsEpochStepAndMetrics() throws IOException {
        ModelCheckpoint mc = ModelCheckpoint.builder(dir).monitor("val_loss")
                .filename("run/epoch={epoch:02d}-step={step}-val_loss={val_loss:.4f}-acc={val_acc}").build();
        TestState state = new TestState(model, mc);
        state.epoch = 3;
        state.globalStep = 41;
        state.runEpoch(1, 1.0, 0.123456);
        assertThat(files()).containsExactly("run/epoch=03-step=42-val_loss=0.1235-acc=0.safetensors");
    }

    @Test
    void templateRendersSpecsPlainNumbersAndRejectsBadSpecs() {
        FilenameTemplate t = new FilenameTemplate("{epoch}_{loss}_{loss:.2e}_{lr:g}_{missing:.1f}_{x:5.1f}");
        assertThat(t.render(Map.of("epoch", 7, "loss", 0.5, "lr", 1e-3, "x", 2.25)))
                .isEqualTo("7_0.5_5.00e-01_0.00100000_0.0_  2.3");
        assertThat(new FilenameTemplate("{v}").render(Map.of("v", 3.0))).isEqualTo("3");
        assertThat(t.uses("loss")).isTrue();
        assertThat(t.uses("val")).isFalse();
        assertThatThrownBy(() -> new FilenameTemplate("{val_loss:.4q}")).hasMessageContaining(".4q");
        assertThatThrownBy(() -> new FilenameTemplate(" ")).hasMessageContaining("blank");
        assertThatThrownBy(() -> ModelCheckpoint.builder(dir).filename("../{epoch}").build().save(new TestState(model)))
                .hasMessageContaining("outside dirpath");
    }

    @Test
    void existingFileOfTheSameNameGetsAVersionedNameInsteadOfBeingOverwritten() throws IOException {
        Files.writeString(dir.resolve("epoch=0.safetensors"), "someone else's file");
        ModelCheckpoint mc = byLoss(dir).saveLast(true).build();
        Files.writeString(dir.resolve("last.safetensors"), "an older run's last");
        run(mc, 0.5);
        assertThat(files()).containsExactly("epoch=0-v1.safetensors", "epoch=0.safetensors", "last-v1.safetensors",
                "last.safetensors");
        assertThat(Files.readString(dir.resolve("epoch=0.safetensors"))).isEqualTo("someone else's file");
    }

    @Test
    void lastFileIsAlwaysTheNewestAndTheBestHoldsItsEpochsWeights() throws IOException {
        ModelCheckpoint mc = byLoss(dir).saveLast(true).build();
        TestState state = new TestState(model, mc);
        setWeights(1);
        state.runEpoch(1, 1.0, 0.3);
        setWeights(2);
        state.runEpoch(1, 1.0, 0.5);
        setWeights(3);
        state.runEpoch(1, 1.0, 0.4);
        assertThat(files()).containsExactly("epoch=0.safetensors", "last.safetensors");
        try (Linear restored = new Linear(2, 2)) {
            ModelCheckpoint again = byLoss(dir).saveLast(true).build();
            Map<String, Object> loop = TrainingCheckpoint.restore(dir.resolve("last.safetensors"), restored, new FakeOptimizer(1),
                    null, List.of(again));
            assertThat(loop).containsEntry("epoch", 2);
            assertThat(restored.stateDict().get("weight").toFloatArray()).containsOnly(3f);
            assertThat(again.bestModelPath()).contains(dir.resolve("epoch=0.safetensors"));
            TrainingCheckpoint.restore(dir.resolve("epoch=0.safetensors"), restored, null, null, List.of());
            assertThat(restored.stateDict().get("weight").toFloatArray()).containsOnly(1f);
        }
    }

    private void setWeights(float w) {
        try (Tensor weight = Tensor.of(new float[] {w, w, w, w}, 2, 2); Tensor bias = Tensor.of(new float[] {w, w}, 2)) {
            model.loadStateDict(Map.of("weight", weight, "bias", bias), true);
        }
    }

    /** A callback whose state, once armed, holds a tensor that fails while the file is being written. */
    private static final class Saboteur implements Callback {
        boolean armed;
        boolean throwInStateDict;
        /** When >= 0, the number of state collections (one per checkpoint file) that succeed before arming. */
        int succeedFirst = -1;

        @Override
        public Map<String, Object> stateDict() {
            if (succeedFirst > 0) {
                succeedFirst--;
            } else if (succeedFirst == 0) {
                armed = true;
                throwInStateDict = true;
            }
            if (!armed) {
                return Map.of();
            }
            if (throwInStateDict) {
                throw new IllegalStateException("simulated failure collecting state");
            }
            Tensor base = Tensor.of(new float[1 << 18]);
            return Map.of("a_data", base, "z_broken", new Tensor(base) {
                @Override
                public Tensor contiguous() {
                    throw new IllegalStateException("simulated device failure midway through the write");
                }
            });
        }
    }

    @Test
    void crashDuringAWriteLeavesThePreviousCheckpointLoadableAndTheBookkeepingUnchanged() throws IOException {
        ModelCheckpoint mc = byLoss(dir).saveTopK(1).saveLast(true).build();
        Saboteur saboteur = new Saboteur();
        TestState state = new TestState(model, mc, saboteur);
        setWeights(1);
        state.runEpoch(1, 1.0, 0.5);
        Map<String, Object> before = mc.stateDict();
        byte[] bestBytes = Files.readAllBytes(dir.resolve("epoch=0.safetensors"));

        saboteur.armed = true;
        setWeights(2);
        assertThatThrownBy(() -> state.runEpoch(1, 1.0, 0.1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("midway");
        assertThat(files()).containsExactly("epoch=0.safetensors", "last.safetensors");
        assertThat(Files.readAllBytes(dir.resolve("epoch=0.safetensors"))).isEqualTo(bestBytes);
        assertThat(mc.stateDict()).isEqualTo(before);

        saboteur.throwInStateDict = true;
        assertThatThrownBy(() -> state.runEpoch(1, 1.0, 0.05)).hasMessageContaining("collecting state");
        assertThat(files()).containsExactly("epoch=0.safetensors", "last.safetensors");
        assertThat(mc.stateDict()).isEqualTo(before);

        try (Linear restored = new Linear(2, 2)) {
            TrainingCheckpoint.restore(dir.resolve("epoch=0.safetensors"), restored, null, null, List.of());
            assertThat(restored.stateDict().get("weight").toFloatArray()).containsOnly(1f);
            TrainingCheckpoint.restore(dir.resolve("last.safetensors"), restored, null, null, List.of());
            assertThat(restored.stateDict().get("weight").toFloatArray()).containsOnly(1f);
        }

        // once the fault clears, saving goes on with the same bookkeeping
        saboteur.armed = false;
        state.runEpoch(1, 1.0, 0.2);
        assertThat(files()).containsExactly("epoch=1.safetensors", "last.safetensors");
    }

    @Test
    void aSaveThatFailsAfterWritingTheTopKFileRemovesIt() throws IOException {
        ModelCheckpoint mc = byLoss(dir).saveTopK(2).saveLast(true).build();
        Saboteur saboteur = new Saboteur();
        saboteur.succeedFirst = 1;  // the top-k file is written, then writing last.safetensors fails
        TestState state = new TestState(model, mc, saboteur);
        assertThatThrownBy(() -> state.runEpoch(1, 1.0, 0.5)).hasMessageContaining("collecting state");
        assertThat(files()).isEmpty();
        assertThat(mc.bestModelPath()).isEmpty();
    }

    @Test
    void fileSystemErrorIsReportedAndLeavesNoTrace() throws IOException {
        Path blocked = Files.writeString(dir.resolve("not-a-dir"), "x");
        ModelCheckpoint mc = byLoss(blocked.resolve("sub")).build();
        TestState state = new TestState(model, mc);
        assertThatThrownBy(() -> state.runEpoch(1, 1.0, 0.5))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("could not write");
        assertThat(mc.bestModelPath()).isEmpty();
        assertThat(mc.stateDict()).containsEntry("last_global_step_saved", -1L);
        assertThat(files()).containsExactly("not-a-dir");
    }

    @Test
    void resumedBookkeepingContinuesAsTheUninterruptedRun() throws IOException {
        double[] values = {0.5, 0.3, 0.4, 0.3, 0.2, 0.6, 0.1};
        Path whole = Files.createDirectory(dir.resolve("whole"));
        run(byLoss(whole).saveTopK(2).saveLast(true).build(), values);

        Path split = Files.createDirectory(dir.resolve("split"));
        ModelCheckpoint first = byLoss(split).saveTopK(2).saveLast(true).build();
        TestState state = new TestState(model, first);
        for (int e = 0; e < 4; e++) {
            state.runEpoch(1, 1.0, values[e]);
        }
        ModelCheckpoint resumed = byLoss(split).saveTopK(2).saveLast(true).build();
        Map<String, Object> loop = TrainingCheckpoint.restore(split.resolve("last.safetensors"), model, null, null, List.of(resumed));
        TestState next = new TestState(model, resumed);
        next.epoch = ((Number) loop.get("epoch")).intValue() + 1;
        next.globalStep = ((Number) loop.get("global_step")).longValue();
        for (int e = 4; e < values.length; e++) {
            next.runEpoch(1, 1.0, values[e]);
        }
        assertThat(files(split)).isEqualTo(files(whole)).containsExactly("epoch=4.safetensors", "epoch=6.safetensors",
                "last.safetensors");
        assertThat(resumed.bestKModels().values()).containsExactly(0.2, 0.1);
    }

    @Test
    void restoringIntoAnotherDirectoryKeepsOnlyTheBestPath() {
        ModelCheckpoint mc = byLoss(dir).saveTopK(2).build();
        run(mc, 0.5, 0.4);
        ModelCheckpoint elsewhere = byLoss(dir.resolve("other")).saveTopK(2).build();
        elsewhere.loadStateDict(mc.stateDict());
        assertThat(elsewhere.bestModelPath()).isEqualTo(mc.bestModelPath());
        assertThat(elsewhere.bestKModels()).isEmpty();
        assertThat(elsewhere.stateKey()).isEqualTo("ModelCheckpoint{monitor=val_loss,mode=min,everyNEpochs=1,everyNSteps=0}");
    }
}
