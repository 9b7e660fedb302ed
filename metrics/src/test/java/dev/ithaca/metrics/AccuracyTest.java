package dev.ithaca.metrics;

import dev.ithaca.memory.Scope;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AccuracyTest extends CpuTest {
    // argmax per row: 1, 0, 2, 1, 0, 2 against targets 1, 0, 0, 2, 0, 1
    // class 0: support 3, tp 2 | class 1: support 2, tp 1 | class 2: support 1, tp 0
    static Tensor logits() {
        return scores(row(0.1, 0.7, 0.2), row(0.8, 0.1, 0.1), row(0.3, 0.3, 0.4),
                row(0.2, 0.5, 0.3), row(0.6, 0.3, 0.1), row(0.1, 0.2, 0.7));
    }

    static Tensor targets() {
        return longs(1, 0, 0, 2, 0, 1);
    }

    @Test
    void microIsTheDefaultAndCountsHits() {
        Accuracy acc = Accuracy.multiclass(3);
        acc.update(logits(), targets());
        assertThat(acc.averageMode()).isEqualTo(Average.MICRO);
        assertThat(acc.compute()).isCloseTo(3.0 / 6, within(1e-12));
    }

    @Test
    void designEntryPointChains() {
        Accuracy acc = Accuracy.multiclass(3).topK(1).average(Average.MICRO);
        acc.update(logits(), targets());
        double a = acc.compute();
        assertThat(a).isCloseTo(0.5, within(1e-12));
        acc.reset();
        assertThat(acc.compute()).isZero();
    }

    @Test
    void macroWeightedAndPerClass() {
        Accuracy acc = Accuracy.multiclass(3).average(Average.MACRO);
        acc.update(logits(), targets());
        // per-class recall 2/3, 1/2, 0
        assertThat(acc.computePerClass()).containsExactly(new double[] {2.0 / 3, 0.5, 0}, within(1e-12));
        assertThat(acc.compute()).isCloseTo((2.0 / 3 + 0.5 + 0) / 3, within(1e-12));
        // weighted by support 3, 2, 1: (2 + 1 + 0) / 6
        assertThat(acc.average(Average.WEIGHTED).compute()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void noneAverageReportsPerClassAndRefusesASingleNumber() {
        Accuracy acc = Accuracy.multiclass(3).average(Average.NONE);
        acc.update(logits(), targets());
        assertThat(acc.computePerClass()).containsExactly(new double[] {2.0 / 3, 0.5, 0}, within(1e-12));
        assertThatThrownBy(acc::compute).isInstanceOf(IllegalStateException.class).hasMessageContaining("computePerClass");
    }

    @Test
    void macroSkipsClassesAbsentFromTargetsAndPredictions() {
        // a 4th class that never occurs changes nothing: (2/3 + 1/2 + 0) / 3
        Accuracy acc = Accuracy.multiclass(4).average(Average.MACRO);
        acc.update(longs(1, 0, 2, 1, 0, 2), targets());
        assertThat(acc.compute()).isCloseTo(7.0 / 18, within(1e-12));
        // class 3 predicted once but never a target: recall 0/0 = 0, and it counts (tp + fp + fn = 1)
        // class 0: 2/3, class 1 (targets n0, n5; predicted n3 only): 0, class 2: 0, class 3: 0
        acc.reset();
        acc.update(longs(3, 0, 2, 1, 0, 2), targets());
        assertThat(acc.compute()).isCloseTo((2.0 / 3) / 4, within(1e-12));
    }

    @Test
    void topKBreaksTiesTowardTheLowerClassIndex() {
        Tensor s = scores(
                row(0.5, 0.5, 0.5, 0.1),     // target 2: top-2 {0, 1} miss, top-3 {0, 1, 2} hit
                row(0.1, 0.4, 0.4, 0.1),     // target 2: top-2 {1, 2} hit, top-1 {1} miss
                row(0.3, 0.2, 0.1, 0.4),     // target 0: top-2 {3, 0} hit
                row(0.25, 0.25, 0.25, 0.25)); // target 3: top-3 {0, 1, 2} miss
        Tensor t = longs(2, 2, 0, 3);
        assertThat(run(Accuracy.multiclass(4).topK(1), s, t)).isZero();
        assertThat(run(Accuracy.multiclass(4).topK(2), s, t)).isCloseTo(0.5, within(1e-12));
        assertThat(run(Accuracy.multiclass(4).topK(3), s, t)).isCloseTo(0.75, within(1e-12));
        assertThat(run(Accuracy.multiclass(4).topK(4), s, t)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void topKMacroCountsOnlyClassesWithTargets() {
        Tensor s = scores(row(0.5, 0.5, 0.5, 0.1), row(0.1, 0.4, 0.4, 0.1), row(0.3, 0.2, 0.1, 0.4), row(0.25, 0.25, 0.25, 0.25));
        Tensor t = longs(2, 2, 0, 3);
        // top-2 recall: class 0 1/1, class 1 no targets (left out although predicted), class 2 1/2, class 3 0/1
        double macro = run(Accuracy.multiclass(4).topK(2).average(Average.MACRO), s, t);
        assertThat(macro).isCloseTo((1 + 0.5 + 0) / 3, within(1e-12));
    }

    @Test
    void topKRanksMinusInfinityScoresByIndex() {
        float inf = Float.NEGATIVE_INFINITY;
        Tensor s = Tensor.of(new float[] {inf, inf, 0, inf, inf, 0}, 2, 3);
        // top-2 of each row: {2, 0}; target 0 hits, target 1 misses
        assertThat(run(Accuracy.multiclass(3).topK(2), s, longs(0, 1))).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void ignoreIndexOutsideTheClassRangeDropsSamples() {
        // counted: n0 (1 = 1), n2 (1 != 0), n3 (2 = 2)
        Accuracy acc = Accuracy.multiclass(3).ignoreIndex(-1);
        acc.update(longs(1, 2, 1, 2), longs(1, -1, 0, 2));
        assertThat(acc.compute()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void ignoreIndexInsideTheClassRangeDropsThatClassesSamples() {
        Accuracy acc = Accuracy.multiclass(3).ignoreIndex(0);
        acc.update(longs(1, 2, 1, 2), longs(1, 0, 0, 2));
        assertThat(acc.compute()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void ignoreIndexWithTopK() {
        Tensor s = scores(row(0.1, 0.5, 0.4), row(0.9, 0.05, 0.05), row(0.2, 0.3, 0.5));
        // n1 ignored; top-2: n0 {1, 2} target 2 hit, n2 {2, 1} target 0 miss
        Accuracy acc = Accuracy.multiclass(3).topK(2).ignoreIndex(-100);
        acc.update(s, longs(2, -100, 0));
        assertThat(acc.compute()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void scoresWithExtraDimsAreFlattenedIntoSamples() {
        // [N=1, C=2, T=3]: per position the scores are (0.9,0.1) (0.2,0.8) (0.6,0.4) -> 0, 1, 0
        Tensor s = Tensor.of(new float[] {0.9f, 0.2f, 0.6f, 0.1f, 0.8f, 0.4f}, 1, 2, 3);
        Accuracy acc = Accuracy.multiclass(2);
        acc.update(s, Tensor.of(new long[] {0, 1, 1}, 1, 3));
        assertThat(acc.compute()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void int32TargetsAndPredictionsWork() {
        Accuracy acc = Accuracy.multiclass(3);
        acc.update(Tensor.of(new int[] {0, 1, 2}, 3), Tensor.of(new int[] {0, 1, 1}, 3));
        assertThat(acc.compute()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void binaryThresholdsProbabilities() {
        Tensor p = floats(0.2f, 0.8f, 0.5f, 0.9f);
        Tensor t = longs(0, 1, 1, 0);
        // > 0.5: 0, 1, 0, 1 -> right on n0, n1
        assertThat(run(Accuracy.binary(), p, t)).isCloseTo(0.5, within(1e-12));
        // > 0.4: 0, 1, 1, 1 -> right on n0, n1, n2
        assertThat(run(Accuracy.binary(0.4), p, t)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void binaryAppliesSigmoidWhenAValueIsOutsideUnitInterval() {
        // sigmoid: 0.12, 0.95, 0.5, 0.62 -> 0, 1, 0, 1 (raw logits > 0.5 would give 0, 1, 0, 0)
        Tensor logits = floats(-2f, 3f, 0f, 0.5f);
        assertThat(run(Accuracy.binary(), logits, longs(0, 1, 1, 0))).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void binaryTakesIntegerAndBoolInputsAndIgnoreIndex() {
        Accuracy acc = Accuracy.binary().ignoreIndex(-1);
        acc.update(longs(1, 0, 1, 1), longs(1, -1, 0, 1));
        assertThat(acc.compute()).isCloseTo(2.0 / 3, within(1e-12));
        Accuracy bools = Accuracy.binary();
        bools.update(Tensor.of(new boolean[] {true, false}, 2), Tensor.of(new boolean[] {true, true}, 2));
        assertThat(bools.compute()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void accumulatesAcrossBatches() {
        Accuracy acc = Accuracy.multiclass(3);
        acc.update(longs(0, 1), longs(0, 0));
        acc.update(longs(2, 2, 1), longs(2, 2, 1));
        assertThat(acc.compute()).isCloseTo(4.0 / 5, within(1e-12));
    }

    @Test
    void stateOutlivesTheCallersScopeAndLeavesNothingInIt() {
        Accuracy acc = Accuracy.multiclass(3);
        try (Scope scope = Scope.open()) {
            Tensor p = logits();
            Tensor t = targets();
            int before = scope.size();
            acc.update(p, t);
            assertThat(scope.size()).isEqualTo(before);
        }
        try (Scope scope = Scope.open()) {
            acc.update(longs(0), longs(0));
        }
        assertThat(acc.compute()).isCloseTo(4.0 / 7, within(1e-12));
    }

    @Test
    void acceptsLogitsThatRequireGrad() {
        Tensor l = logits().requiresGrad(true);
        Accuracy acc = Accuracy.multiclass(3);
        acc.update(l, targets());
        assertThat(acc.compute()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void emptyBatchAndNoUpdatesGiveZero() {
        Accuracy acc = Accuracy.multiclass(3);
        assertThat(acc.compute()).isZero();
        acc.update(Tensor.of(new float[0], 0, 3), Tensor.of(new long[0], 0));
        assertThat(acc.compute()).isZero();
    }

    @Test
    void badInputsNameTheMetricAndTheValue() {
        Accuracy acc = Accuracy.multiclass(3);
        assertThatThrownBy(() -> acc.update(logits(), longs(1, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Accuracy").hasMessageContaining("[6, 3]")
                .hasMessageContaining("[2]");
        assertThatThrownBy(() -> acc.update(longs(0, 1), longs(0, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Accuracy: target 3 at flat index 1");
        assertThatThrownBy(() -> acc.update(longs(0, -2), longs(0, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("predicted class -2");
        assertThatThrownBy(() -> acc.update(logits(), floats(1, 0, 0, 2, 0, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("integer class indices");
        assertThatThrownBy(() -> acc.update(scores(row(1, 2)), longs(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numClasses is 3");
        assertThatThrownBy(() -> acc.update(Tensor.of(new boolean[] {true}, 1), longs(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BOOL");
        assertThatThrownBy(() -> Accuracy.multiclass(3).topK(2).update(longs(0), longs(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topK 2");
        assertThatThrownBy(() -> Accuracy.binary().update(floats(0.5f, 0.1f), longs(1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target 2");
        assertThatThrownBy(() -> Accuracy.binary().update(longs(0, 2), longs(1, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("predicted class 2");
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> Accuracy.multiclass(3).topK(0)).hasMessageContaining("topK must be in [1, numClasses=3], got 0");
        assertThatThrownBy(() -> Accuracy.multiclass(3).topK(-1)).hasMessageContaining("got -1");
        assertThatThrownBy(() -> Accuracy.multiclass(3).topK(4)).hasMessageContaining("got 4");
        assertThatThrownBy(() -> Accuracy.multiclass(1)).hasMessageContaining("numClasses must be at least 2, got 1");
        assertThatThrownBy(() -> Accuracy.binary(1.5)).hasMessageContaining("threshold must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> Accuracy.binary().topK(2)).hasMessageContaining("binary");
        assertThatThrownBy(() -> Accuracy.binary().average(Average.MACRO)).hasMessageContaining("binary");
        Accuracy used = Accuracy.multiclass(3);
        used.update(longs(0), longs(0));
        assertThatThrownBy(() -> used.topK(2)).isInstanceOf(IllegalStateException.class).hasMessageContaining("topK");
        assertThatThrownBy(() -> used.ignoreIndex(1)).isInstanceOf(IllegalStateException.class);
        used.reset();
        assertThat(used.topK(2)).isSameAs(used);
    }

    @Test
    void worksOnFloat64Scores() {
        Tensor s = Tensor.of(new double[] {0.1, 0.9, 0.8, 0.2}, 2, 2);
        assertThat(run(Accuracy.multiclass(2), s, longs(1, 1))).isCloseTo(0.5, within(1e-12));
        assertThat(s.dtype()).isEqualTo(DType.FLOAT64);
    }

    static double run(ClassificationMetric<?> metric, Tensor preds, Tensor targets) {
        metric.update(preds, targets);
        return metric.compute();
    }
}
