package dev.ithaca.metrics;

import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ConfusionMatrixTest extends CpuTest {
    // predictions 1, 0, 2, 1, 0, 2 against targets 1, 0, 0, 2, 0, 1:
    // target 0 -> predicted 0, 2, 0; target 1 -> 1, 2; target 2 -> 1
    private static ConfusionMatrix filled(int classes) {
        ConfusionMatrix cm = ConfusionMatrix.multiclass(classes);
        cm.update(longs(1, 0, 2, 1, 0, 2), longs(1, 0, 0, 2, 0, 1));
        return cm;
    }

    @Test
    void rowsAreTargetsColumnsArePredictions() {
        assertThat(filled(3).compute()).isDeepEqualTo(new long[][] {{2, 0, 1}, {0, 1, 1}, {0, 1, 0}});
    }

    @Test
    void fromScoresUsesArgmax() {
        ConfusionMatrix cm = ConfusionMatrix.multiclass(2);
        cm.update(scores(row(0.9, 0.1), row(0.3, 0.7), row(0.4, 0.6)), longs(0, 0, 1));
        assertThat(cm.compute()).isDeepEqualTo(new long[][] {{1, 1}, {0, 1}});
    }

    @Test
    void everyNormalizeMode() {
        ConfusionMatrix cm = filled(3);
        assertThat(cm.normalize(Normalize.NONE).computeNormalized())
                .isDeepEqualTo(new double[][] {{2, 0, 1}, {0, 1, 1}, {0, 1, 0}});
        // row sums 3, 2, 1
        assertRows(cm.normalize(Normalize.TRUE).computeNormalized(), new double[][] {{2.0 / 3, 0, 1.0 / 3}, {0, 0.5, 0.5}, {0, 1, 0}});
        // column sums 2, 2, 2
        assertRows(cm.normalize(Normalize.PRED).computeNormalized(), new double[][] {{1, 0, 0.5}, {0, 0.5, 0.5}, {0, 0.5, 0}});
        // total 6
        assertRows(cm.normalize(Normalize.ALL).computeNormalized(),
                new double[][] {{2.0 / 6, 0, 1.0 / 6}, {0, 1.0 / 6, 1.0 / 6}, {0, 1.0 / 6, 0}});
        // normalizing never changes the counts
        assertThat(cm.compute()[0]).containsExactly(2, 0, 1);
    }

    @Test
    void emptyRowsColumnsAndMatricesNormalizeToZero() {
        ConfusionMatrix cm = filled(4);
        assertThat(cm.normalize(Normalize.TRUE).computeNormalized()[3]).containsExactly(0, 0, 0, 0);
        assertThat(cm.normalize(Normalize.PRED).computeNormalized()[0][3]).isZero();
        assertThat(ConfusionMatrix.multiclass(2).normalize(Normalize.ALL).computeNormalized())
                .isDeepEqualTo(new double[][] {{0, 0}, {0, 0}});
    }

    @Test
    void ignoreIndexSkipsSamples() {
        ConfusionMatrix cm = ConfusionMatrix.multiclass(2).ignoreIndex(-100);
        cm.update(longs(1, 0, 1), longs(1, -100, 0));
        assertThat(cm.compute()).isDeepEqualTo(new long[][] {{0, 1}, {0, 1}});
    }

    @Test
    void binaryThresholds() {
        // > 0.5: 0, 1, 0, 1 against 0, 1, 1, 0
        ConfusionMatrix cm = ConfusionMatrix.binary(0.5);
        cm.update(floats(0.2f, 0.8f, 0.5f, 0.9f), longs(0, 1, 1, 0));
        assertThat(cm.compute()).isDeepEqualTo(new long[][] {{1, 1}, {1, 1}});
    }

    @Test
    void accumulatesMergesAndRoundTrips() {
        ConfusionMatrix a = filled(3);
        ConfusionMatrix b = filled(3);
        a.merge(b);
        assertThat(a.compute()).isDeepEqualTo(new long[][] {{4, 0, 2}, {0, 2, 2}, {0, 2, 0}});
        ConfusionMatrix c = ConfusionMatrix.multiclass(3);
        c.loadStateDict(a.stateDict());
        assertThat(c.compute()).isDeepEqualTo(a.compute());
    }

    @Test
    void badInputs() {
        ConfusionMatrix cm = ConfusionMatrix.multiclass(3);
        assertThatThrownBy(() -> cm.update(longs(0, 1), longs(0))).hasMessageContaining("ConfusionMatrix")
                .hasMessageContaining("same shape");
        assertThatThrownBy(() -> cm.update(longs(0, 1), longs(0, 5))).hasMessageContaining("target 5");
        assertThatThrownBy(() -> cm.update(Tensor.of(new float[] {1, 2}, 1, 2), longs(0))).hasMessageContaining("numClasses is 3");
    }

    private static void assertRows(double[][] actual, double[][] expected) {
        assertThat(actual).hasDimensions(expected.length, expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).containsExactly(expected[i], within(1e-12));
        }
    }
}
