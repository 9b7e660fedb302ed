package dev.ithaca.callbacks;

import dev.ithaca.nn.Linear;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LearningRateMonitorTest {
    private final Linear model = new Linear(2, 2);

    @AfterEach
    void free() {
        model.close();
    }

    @Test
    void recordsEachGroupOncePerEpochByDefault() {
        LearningRateMonitor monitor = new LearningRateMonitor();
        TestState state = new TestState(model, monitor);
        FakeOptimizer optimizer = new FakeOptimizer(2);
        state.optimizer = optimizer;
        assertThat(monitor.latest()).isEmpty();
        state.runEpoch(3, 1.0, null);
        optimizer.setLearningRate(1, 0.05);
        state.runEpoch(3, 1.0, null);
        assertThat(monitor.history()).hasSize(2);
        assertThat(monitor.history().get(0)).isEqualTo(new LearningRateMonitor.Record(0, 0,
                Map.of("lr-FakeOptimizer/pg0", 0.1, "lr-FakeOptimizer/pg1", 0.1)));
        assertThat(monitor.latest()).containsExactly(Map.entry("lr-FakeOptimizer/pg0", 0.1), Map.entry("lr-FakeOptimizer/pg1", 0.05));
        assertThat(monitor.history().get(1).globalStep()).isEqualTo(3);
    }

    @Test
    void stepIntervalRecordsTheRateEachBatchUses() {
        LearningRateMonitor monitor = new LearningRateMonitor(LearningRateMonitor.Interval.STEP);
        TestState state = new TestState(model, monitor);
        state.runEpoch(2, 1.0, null);
        state.optimizer.setLearningRate(0.01);
        state.runEpoch(1, 1.0, null);
        assertThat(monitor.history()).extracting(r -> r.globalStep() + ":" + r.learningRates().get("lr-FakeOptimizer"))
                .containsExactly("0:0.1", "1:0.1", "2:0.01");
    }
}
