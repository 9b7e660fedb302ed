package dev.ithaca.peers;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingDataTest {
    private static final int SAMPLES = 4 * Workloads.BATCH;

    @Test
    void theSameSeedGivesTheSameBatches() {
        float[] x1 = new float[Workloads.BATCH * TrainingData.FEATURES];
        float[] x2 = x1.clone();
        int[] y1 = new int[Workloads.BATCH];
        int[] y2 = y1.clone();
        new TrainingData(3, SAMPLES).batch(2, x1, y1);
        new TrainingData(3, SAMPLES).batch(2, x2, y2);
        assertThat(x2).containsExactly(x1);
        assertThat(y2).containsExactly(y1);
    }

    @Test
    void eachPassServesEverySampleOnceAsPixelsAndLabelsInRange() {
        TrainingData data = new TrainingData(5, SAMPLES);
        float[] x = new float[Workloads.BATCH * TrainingData.FEATURES];
        int[] y = new int[Workloads.BATCH];
        Set<String> rows = new HashSet<>();
        for (int step = 0; step < data.distinctBatches(); step++) {
            data.batch(step, x, y);
            for (int r = 0; r < Workloads.BATCH; r++) {
                rows.add(Arrays.toString(Arrays.copyOfRange(x, r * TrainingData.FEATURES, (r + 1) * TrainingData.FEATURES)));
            }
            for (int label : y) {
                assertThat(label).isBetween(0, TrainingData.CLASSES - 1);
            }
            for (float v : x) {
                assertThat(v).isBetween(0f, 1f);
            }
        }
        assertThat(rows).hasSize(SAMPLES);
        assertThat(data.distinctBatches()).isEqualTo(4);
    }

    @Test
    void aNewPassShufflesAgain() {
        TrainingData data = new TrainingData(5, SAMPLES);
        float[] first = new float[Workloads.BATCH * TrainingData.FEATURES];
        float[] again = first.clone();
        int[] y = new int[Workloads.BATCH];
        data.batch(0, first, y);
        data.batch(data.distinctBatches(), again, y);
        assertThat(again).isNotEqualTo(first);
    }

    @Test
    void oneHotRowsHaveASingleOne() {
        float[] out = new float[2 * TrainingData.CLASSES];
        TrainingData.oneHot(new int[] {3, 9}, out);
        assertThat(out[3]).isEqualTo(1);
        assertThat(out[TrainingData.CLASSES + 9]).isEqualTo(1);
        assertThat(out).containsOnly(0f, 1f);
        float sum = 0;
        for (float v : out) {
            sum += v;
        }
        assertThat(sum).isEqualTo(2);
    }

    @Test
    void rejectsWrongSizes() {
        assertThatThrownBy(() -> new TrainingData(1, 10)).hasMessageContaining("samples").hasMessageContaining("10");
        TrainingData data = new TrainingData(1, SAMPLES);
        assertThatThrownBy(() -> data.batch(0, new float[3], new int[Workloads.BATCH])).hasMessageContaining("got 3");
        assertThatThrownBy(() -> TrainingData.oneHot(new int[2], new float[3])).hasMessageContaining("20 floats, got 3");
    }
}
