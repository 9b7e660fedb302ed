package dev.ithaca.callbacks;

import dev.ithaca.nn.Linear;
import dev.ithaca.train.CallbackSignal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TerminateOnNaNTest {
    private final Linear model = new Linear(2, 2);

    @AfterEach
    void free() {
        model.close();
    }

    @Test
    void finiteLossContinues() {
        TerminateOnNaN guard = new TerminateOnNaN();
        TestState state = new TestState(model, guard);
        assertThat(state.runEpoch(3, 0.5, null)).isFalse();
        assertThat(guard.stopReason()).isEmpty();
    }

    @Test
    void nanLossStopsNamingTheStepAndValue() {
        TerminateOnNaN guard = new TerminateOnNaN();
        TestState state = new TestState(model, guard);
        state.runEpoch(2, 0.5, null);
        assertThat(state.runEpoch(3, Double.NaN, null)).isTrue();
        assertThat(guard.stopReason()).get().asString().contains("NaN", "global step 3", "epoch 1", "batch 0");
    }

    @Test
    void infiniteLossStops() {
        TerminateOnNaN guard = new TerminateOnNaN();
        TestState state = new TestState(model, guard);
        state.globalStep = 6;
        state.metrics.put("loss", Double.NEGATIVE_INFINITY);
        assertThat(guard.onBatchEnd(state)).isEqualTo(CallbackSignal.STOP);
        assertThat(guard.stopReason()).get().asString().contains("-Infinity", "global step 6");
    }

    @Test
    void missingLossWarnsOnceAndContinues() {
        TerminateOnNaN guard = new TerminateOnNaN("train_loss");
        TestState state = new TestState(model, guard);
        try (LogCapture log = new LogCapture(TerminateOnNaN.class)) {
            assertThat(state.runEpoch(3, Double.NaN, null)).isFalse();
            assertThat(log.warnings()).singleElement().asString().contains("train_loss");
        }
        state.metrics.put("train_loss", Double.NaN);
        assertThat(guard.onBatchEnd(state)).isEqualTo(CallbackSignal.STOP);
        assertThatThrownBy(() -> new TerminateOnNaN(" ")).hasMessageContaining("monitor");
    }
}
