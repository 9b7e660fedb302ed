package dev.ithaca.callbacks;

import dev.ithaca.io.TrainingCheckpoint;
import dev.ithaca.nn.Linear;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.CallbackSignal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EarlyStoppingTest {
    @TempDir
    Path dir;

    private final Linear model = new Linear(2, 2);

    @AfterEach
    void free() {
        model.close();
    }

    private int fit(EarlyStopping es, double... valLosses) {
        return new TestState(model, es).fit(valLosses);
    }

    private void setWeights(float w, float b) {
        try (Tensor weight = Tensor.of(new float[] {w, w, w, w}, 2, 2); Tensor bias = Tensor.of(new float[] {b, b}, 2)) {
            model.loadStateDict(Map.of("weight", weight, "bias", bias), true);
        }
    }

    @Test
    void publicConstructorMonitorsInMinModeWithThePatienceGiven() {
        EarlyStopping es = new EarlyStopping("val_loss", 3);
        assertThat(es.toString()).contains("monitor=val_loss", "mode=min", "patience=3", "minDelta=0.0", "checkFinite=true",
                "strict=true");
        // improve, improve, then 3 checks without improvement: the third stops
        assertThat(fit(es, 1.0, 0.8, 0.9, 0.85, 0.8, 0.1)).isEqualTo(5);
        assertThat(es.stoppedEpoch()).isEqualTo(4);
        assertThat(es.bestScore()).isEqualTo(0.8);
        assertThat(es.waitCount()).isEqualTo(3);
        assertThat(es.stopReason()).get().asString().contains("val_loss", "3 checks");
    }

    @Test
    void anEqualValueIsNoImprovement() {
        EarlyStopping es = EarlyStopping.builder("val_loss").patience(1).build();
        assertThat(fit(es, 0.5, 0.5)).isEqualTo(2);
        assertThat(es.stoppedEpoch()).isEqualTo(1);
        assertThat(es.bestScore()).isEqualTo(0.5);
    }

    @Test
    void waitCountsConsecutiveChecksAndResetsOnImprovement() {
        EarlyStopping es = EarlyStopping.builder("val_loss").patience(2).build();
        assertThat(fit(es, 1.0, 1.1, 0.9, 1.2, 0.95, 0.1)).isEqualTo(5);
        assertThat(es.stoppedEpoch()).isEqualTo(4);
        assertThat(es.bestScore()).isEqualTo(0.9);
    }

    @Test
    void minDeltaDemandsAnImprovementLargerThanIt() {
        EarlyStopping small = EarlyStopping.builder("val_loss").patience(1).minDelta(0.1).build();
        assertThat(fit(small, 1.0, 0.95)).isEqualTo(2);
        assertThat(small.bestScore()).isEqualTo(1.0);

        EarlyStopping exact = EarlyStopping.builder("val_loss").patience(1).minDelta(0.25).build();
        assertThat(fit(exact, 1.0, 0.75)).as("exactly minDelta better is not more than minDelta").isEqualTo(2);

        EarlyStopping large = EarlyStopping.builder("val_loss").patience(1).minDelta(0.1).build();
        assertThat(fit(large, 1.0, 0.85, 0.7)).isEqualTo(3);
        assertThat(large.stoppedEpoch()).isEqualTo(-1);
        assertThat(large.bestScore()).isEqualTo(0.7);
    }

    @Test
    void maxModeImprovesUpwards() {
        EarlyStopping es = EarlyStopping.builder("val_loss").mode("max").patience(1).minDelta(0.05).build();
        assertThat(fit(es, 0.5, 0.6, 0.62)).isEqualTo(3);
        assertThat(es.stoppedEpoch()).isEqualTo(2);
        assertThat(es.bestScore()).isEqualTo(0.6);
    }

    @Test
    void patienceZeroStopsAtTheFirstCheckWithoutImprovement() {
        EarlyStopping es = EarlyStopping.builder("val_loss").patience(0).build();
        assertThat(fit(es, 1.0, 0.9, 0.9, 0.1)).isEqualTo(3);
        assertThat(es.stoppedEpoch()).isEqualTo(2);
    }

    @Test
    void baselineIsTheBestToBeat() {
        EarlyStopping es = EarlyStopping.builder("val_loss").baseline(0.5).patience(2).build();
        assertThat(fit(es, 0.6, 0.55, 0.1)).isEqualTo(2);
        assertThat(es.bestScore()).isEqualTo(0.5);

        EarlyStopping beaten = EarlyStopping.builder("val_loss").baseline(0.5).patience(2).build();
        assertThat(fit(beaten, 0.6, 0.4, 0.45, 0.46, 0.1)).isEqualTo(4);
        assertThat(beaten.bestScore()).isEqualTo(0.4);

        EarlyStopping immediate = EarlyStopping.builder("val_loss").baseline(0.5).patience(0).build();
        assertThat(fit(immediate, 0.5)).isEqualTo(1);
        assertThat(immediate.stoppedEpoch()).isZero();
    }

    @Test
    void nonFiniteValueStopsAtOnceWithCheckFinite() {
        EarlyStopping es = EarlyStopping.builder("val_loss").patience(5).build();
        assertThat(fit(es, 1.0, Double.NaN, 0.5)).isEqualTo(2);
        assertThat(es.stoppedEpoch()).isEqualTo(1);
        assertThat(es.stopReason()).get().asString().contains("NaN", "not finite");

        EarlyStopping inf = EarlyStopping.builder("val_loss").mode(Mode.MAX).patience(5).build();
        assertThat(fit(inf, 1.0, Double.POSITIVE_INFINITY, 0.5)).isEqualTo(2);
    }

    @Test
    void withoutCheckFiniteNaNIsJustNoImprovement() {
        EarlyStopping es = EarlyStopping.builder("val_loss").patience(2).checkFinite(false).build();
        assertThat(fit(es, 1.0, Double.NaN, 0.5, Double.NaN, Double.NaN, 0.1)).isEqualTo(5);
        assertThat(es.bestScore()).isEqualTo(0.5);
        assertThat(es.stoppedEpoch()).isEqualTo(4);
    }

    @Test
    void strictModeRejectsAMissingMetricNamingTheOnesThere() {
        EarlyStopping es = new EarlyStopping("val_acc", 3);
        TestState state = new TestState(model, es);
        assertThatThrownBy(() -> state.runEpoch(1, 1.0, 0.5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'val_acc'")
                .hasMessageContaining("[loss, val_loss]");
    }

    @Test
    void lenientModeWarnsOnceAndSkipsChecksWithoutTheMetric() {
        EarlyStopping es = EarlyStopping.builder("val_acc").patience(0).strict(false).build();
        TestState state = new TestState(model, es);
        try (LogCapture log = new LogCapture(EarlyStopping.class)) {
            assertThat(state.runEpoch(1, 1.0, 0.5)).isFalse();
            assertThat(state.runEpoch(1, 1.0, 0.5)).isFalse();
            assertThat(log.warnings()).singleElement().asString().contains("val_acc");
        }
        assertThat(es.waitCount()).isZero();
        state.metrics.put("val_acc", 0.3);
        assertThat(es.onValidationEnd(state)).isEqualTo(CallbackSignal.CONTINUE);
        assertThat(es.bestScore()).isEqualTo(0.3);
    }

    @Test
    void checksAtEpochEndOnlyInRunsWithoutValidation() {
        EarlyStopping onLoss = EarlyStopping.builder("loss").patience(1).build();
        TestState state = new TestState(model, onLoss);
        assertThat(state.runEpoch(2, 1.0, null)).isFalse();
        assertThat(state.runEpoch(2, 1.0, null)).isTrue();
        assertThat(onLoss.stoppedEpoch()).isEqualTo(1);

        // once validation ran, an epoch that skips it does not check the stale value again
        EarlyStopping onVal = EarlyStopping.builder("val_loss").patience(1).build();
        TestState validated = new TestState(model, onVal);
        assertThat(validated.runEpoch(1, 1.0, 0.5)).isFalse();
        assertThat(validated.runEpoch(1, 1.0, null)).isFalse();
        assertThat(validated.runEpoch(1, 1.0, null)).isFalse();
        assertThat(onVal.waitCount()).isZero();
        assertThat(validated.runEpoch(1, 1.0, 0.6)).isTrue();
    }

    @Test
    void restoreBestWeightsLoadsTheWeightsOfTheBestCheckAtTrainEnd() {
        try (EarlyStopping es = EarlyStopping.builder("val_loss").patience(2).restoreBestWeights(true).build()) {
            TestState state = new TestState(model, es);
            state.fire(c -> c.onTrainBegin(state));
            setWeights(1, 10);
            state.runEpoch(1, 1.0, 0.9);
            setWeights(2, 20);
            state.runEpoch(1, 1.0, 0.5);
            setWeights(3, 30);
            state.runEpoch(1, 1.0, 0.5);
            setWeights(4, 40);
            assertThat(state.runEpoch(1, 1.0, 0.7)).isTrue();
            state.fire(c -> c.onTrainEnd(state));
            assertThat(model.stateDict().get("weight").toFloatArray()).containsOnly(2f);
            assertThat(model.stateDict().get("bias").toFloatArray()).containsOnly(20f);
        }
    }

    @Test
    void restoreBestWeightsWithNoImprovementKeepsTheLastWeights() {
        try (EarlyStopping es = EarlyStopping.builder("val_loss").baseline(0.1).patience(1).restoreBestWeights(true).build()) {
            setWeights(5, 6);
            fit(es, 0.5, 0.5);
            assertThat(model.stateDict().get("weight").toFloatArray()).containsOnly(5f);
        }
    }

    @Test
    void resumedFromItsStateDictItBehavesAsTheUninterruptedOne() {
        double[] values = {1.0, 0.8, 0.85, 0.7, 0.75, 0.76, 0.77, 0.1};
        EarlyStopping whole = EarlyStopping.builder("val_loss").patience(3).minDelta(0.01).build();
        int wholeEpochs = fit(whole, values);

        EarlyStopping first = EarlyStopping.builder("val_loss").patience(3).minDelta(0.01).build();
        TestState state = new TestState(model, first);
        for (int e = 0; e < 5; e++) {
            state.runEpoch(1, 1.0, values[e]);
        }
        EarlyStopping resumed = EarlyStopping.builder("val_loss").patience(3).minDelta(0.01).build();
        resumed.loadStateDict(first.stateDict());
        state.callbacks.set(0, resumed);
        int epochs = 5;
        while (epochs < values.length && !state.runEpoch(1, 1.0, values[epochs])) {
            epochs++;
        }
        assertThat(epochs + 1).isEqualTo(wholeEpochs);
        assertThat(resumed.stoppedEpoch()).isEqualTo(whole.stoppedEpoch()).isEqualTo(6);
        assertThat(resumed.stateDict()).isEqualTo(whole.stateDict());
    }

    @Test
    void stateIncludingBestWeightsSurvivesATrainingCheckpoint() throws IOException {
        Path file = dir.resolve("ckpt.safetensors");
        try (EarlyStopping es = EarlyStopping.builder("val_loss").patience(2).restoreBestWeights(true).build();
             EarlyStopping resumed = EarlyStopping.builder("val_loss").patience(2).restoreBestWeights(true).build();
             Linear other = new Linear(2, 2)) {
            TestState state = new TestState(model, es);
            setWeights(7, 8);
            state.runEpoch(1, 1.0, 0.4);
            setWeights(1, 1);
            state.runEpoch(1, 1.0, 0.6);
            TrainingCheckpoint.save(file, state);

            TrainingCheckpoint.restore(file, other, null, null, List.of(resumed));
            assertThat(resumed.bestScore()).isEqualTo(0.4);
            assertThat(resumed.waitCount()).isEqualTo(1);
            TestState next = new TestState(other, resumed);
            next.epoch = 2;
            assertThat(next.runEpoch(1, 1.0, 0.5)).isTrue();
            next.fire(c -> c.onTrainEnd(next));
            assertThat(other.stateDict().get("weight").toFloatArray()).containsOnly(7f);
            assertThat(other.stateDict().get("bias").toFloatArray()).containsOnly(8f);
        }
    }

    @Test
    void freshStateDictHoldsInfinityAsBestAndLoadsBack() {
        EarlyStopping es = EarlyStopping.builder("val_acc").mode("max").build();
        assertThat(es.stateDict()).containsEntry("best_score", Double.NEGATIVE_INFINITY).containsEntry("wait_count", 0)
                .containsEntry("stopped_epoch", -1).doesNotContainKey("best_weights");
        assertThatThrownBy(() -> es.loadStateDict(Map.of("wait_count", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("best_score");
        assertThatThrownBy(() -> es.loadStateDict(Map.of("best_score", "x", "wait_count", 1, "stopped_epoch", -1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("best_score").hasMessageContaining("x");
        assertThat(es.stateKey()).isEqualTo("EarlyStopping{monitor=val_acc,mode=max}");
    }

    @Test
    void badOptionsAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> new EarlyStopping("val_loss", -1)).hasMessageContaining("patience").hasMessageContaining("-1");
        assertThatThrownBy(() -> EarlyStopping.builder("val_loss").minDelta(-0.1)).hasMessageContaining("minDelta")
                .hasMessageContaining("-0.1");
        assertThatThrownBy(() -> EarlyStopping.builder("val_loss").baseline(Double.NaN)).hasMessageContaining("baseline");
        assertThatThrownBy(() -> EarlyStopping.builder(" ")).hasMessageContaining("monitor");
        assertThatThrownBy(() -> EarlyStopping.builder("val_loss").mode("median")).hasMessageContaining("'median'");
    }
}
