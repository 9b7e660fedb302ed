package dev.ithaca.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MetricBaselinesTest {
    @Test
    void countsAgainstHandComputedScores() {
        // rows predict 1, 0 (first of a tie), 2, 2; targets 1, 1, 2, 0
        float[] logits = {0, 5, 1, /**/ 3, 3, 0, /**/ 0, 0, 9, /**/ -1, -2, 4};
        long[] targets = {1, 1, 2, 0};
        MetricBaselines.Counts counts = new MetricBaselines.Counts(3);
        MetricBaselines.count(logits, targets, 3, counts);

        assertThat(MetricBaselines.correct(logits, targets, 3)).isEqualTo(2);
        assertThat(counts.accuracy()).isEqualTo(0.5);
        // class 0: tp 0 fp 1 fn 1 -> 0; class 1: tp 1 fn 1 -> 2/3; class 2: tp 1 fp 1 -> 2/3
        assertThat(counts.macroF1()).isCloseTo((0 + 2.0 / 3 + 2.0 / 3) / 3, within(1e-12));
    }
}
