package dev.ithaca.metrics;

import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LossTrackerTest extends CpuTest {

    @Test
    void runningMeanCountMinMax() {
        LossTracker t = new LossTracker();
        assertThat(t.compute()).isNaN();
        assertThat(t.min()).isNaN();
        assertThat(t.max()).isNaN();
        t.update(2.0);
        t.update(Tensor.scalar(4.0));
        t.update(3.0);
        assertThat(t.compute()).isCloseTo(3.0, within(1e-12));
        assertThat(t.count()).isEqualTo(3);
        assertThat(t.min()).isEqualTo(2.0);
        assertThat(t.max()).isEqualTo(4.0);
        assertThatThrownBy(t::windowMean).isInstanceOf(IllegalStateException.class).hasMessageContaining("withWindow");
        t.reset();
        assertThat(t.count()).isZero();
    }

    @Test
    void weightsMakeASampleWeightedMean() {
        LossTracker t = new LossTracker();
        // (1*1 + 3*3) / (1 + 3)
        t.update(floats(1, 3), floats(1, 3));
        assertThat(t.compute()).isCloseTo(2.5, within(1e-12));
        assertThat(t.count()).isEqualTo(2);
        assertThatThrownBy(() -> t.update(floats(1, 3), floats(1))).hasMessageContaining("one weight per value");
        assertThatThrownBy(() -> t.update(Tensor.of(new boolean[] {true}, 1))).hasMessageContaining("numeric");
    }

    @Test
    void movingWindowKeepsTheLastValues() {
        LossTracker t = LossTracker.withWindow(2);
        t.update(2.0);
        assertThat(t.windowMean()).isEqualTo(2.0);
        t.update(4.0);
        t.update(3.0);
        assertThat(t.windowMean()).isCloseTo(3.5, within(1e-12));
        assertThat(t.compute()).isCloseTo(3.0, within(1e-12));
        assertThat(t.windowSize()).isEqualTo(2);
        assertThatThrownBy(() -> LossTracker.withWindow(0)).hasMessageContaining("got 0");
    }

    @Test
    void mergeAppendsTheOtherWindowAndCombinesTotals() {
        LossTracker a = LossTracker.withWindow(3);
        a.update(1.0);
        a.update(5.0);
        LossTracker b = LossTracker.withWindow(3);
        b.update(0.5);
        b.update(2.0);
        a.merge(b);
        // window keeps 5, 0.5, 2; totals over 1, 5, 0.5, 2
        assertThat(a.windowMean()).isCloseTo(7.5 / 3, within(1e-12));
        assertThat(a.compute()).isCloseTo(8.5 / 4, within(1e-12));
        assertThat(a.min()).isEqualTo(0.5);
        assertThat(a.max()).isEqualTo(5.0);
        assertThatThrownBy(() -> a.merge(new LossTracker())).hasMessageContaining("different settings");
    }

    @Test
    void stateDictRoundTripsIncludingTheWindow() {
        LossTracker a = LossTracker.withWindow(2);
        a.update(0.1);
        a.update(0.7);
        a.update(0.3);
        LossTracker b = LossTracker.withWindow(2);
        b.loadStateDict(a.stateDict());
        assertThat(b.stateDict()).isEqualTo(a.stateDict());
        assertThat(b.windowMean()).isEqualTo(a.windowMean());
        assertThat(b.compute()).isEqualTo(a.compute());
        assertThat(b.min()).isEqualTo(0.1);
        Map<String, Object> broken = new HashMap<>(a.stateDict());
        broken.put("windowValues", List.of(1.0, 2.0, 3.0));
        broken.put("windowWeights", List.of(1.0, 1.0, 1.0));
        assertThatThrownBy(() -> b.loadStateDict(broken)).hasMessageContaining("window size 2");
        broken.remove("windowValues");
        assertThatThrownBy(() -> b.loadStateDict(broken)).hasMessageContaining("windowValues");
    }

    @Test
    void tracksFloat32LossTensors() {
        LossTracker t = new LossTracker();
        t.update(Tensor.scalar(0.25, DType.FLOAT32));
        assertThat(t.compute()).isEqualTo(0.25);
    }
}
