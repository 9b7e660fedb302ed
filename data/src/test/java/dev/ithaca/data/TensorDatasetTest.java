package dev.ithaca.data;

import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TensorDatasetTest extends CpuTestBase {

    @Test
    void batchesSelectRowsOfInputAndTarget() {
        Tensor x = Tensor.of(new float[] {0, 1, 10, 11, 20, 21, 30, 31}, 4, 2);
        Tensor y = Tensor.of(new long[] {5, 6, 7, 8}, 4);
        TensorDataset data = TensorDataset.of(x, y);
        assertThat(data.size()).isEqualTo(4);
        assertThat(data.input()).isSameAs(x);
        assertThat(data.target()).isSameAs(y);
        try (Batch batch = data.batch(new long[] {3, 0, 3})) {
            assertThat(batch.input().shape()).containsExactly(3, 2);
            assertThat(batch.input().toFloatArray()).containsExactly(30, 31, 0, 1, 30, 31);
            assertThat(batch.target().dtype()).isEqualTo(DType.INT64);
            assertThat(batch.target().toLongArray()).containsExactly(8, 5, 8);
        }
    }

    @Test
    void unlabelledDataHasNoTarget() {
        TensorDataset data = TensorDataset.of(Tensor.of(new float[] {1, 2, 3}, 3));
        try (Batch batch = data.batch(new long[] {2, 1})) {
            assertThat(batch.hasTarget()).isFalse();
            assertThat(batch.input().toFloatArray()).containsExactly(3, 2);
        }
    }

    @Test
    void batchesDoNotRecordAutogradHistory() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        try (Batch batch = TensorDataset.of(x).batch(new long[] {1})) {
            assertThat(batch.input().requiresGrad()).isFalse();
        }
    }

    @Test
    void worksThroughALoader() {
        Tensor x = Tensor.of(new float[] {0, 1, 2, 3, 4}, 5, 1);
        Tensor y = Tensor.of(new long[] {0, 1, 2, 3, 4}, 5);
        DataLoader loader = DataLoader.builder(TensorDataset.of(x, y)).batchSize(2).shuffle(true).seed(1).numWorkers(2).build();
        long total = 0;
        for (Batch batch : loader) {
            try (batch) {
                assertThat(batch.input().flatten().toFloatArray()).containsExactly(
                        toFloats(batch.target().toLongArray()));
                total += batch.size();
            }
        }
        assertThat(total).isEqualTo(5);
    }

    private static float[] toFloats(long[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    @Test
    void mismatchedOrScalarTensorsAreRefused() {
        Tensor x = Tensor.zeros(4, 2);
        assertThatThrownBy(() -> TensorDataset.of(x, Tensor.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input has 4 examples").hasMessageContaining("target has 3").hasMessageContaining("must be equal");
        assertThatThrownBy(() -> TensorDataset.of(Tensor.scalar(1))).hasMessageContaining("input must have a first (example) dimension");
        assertThatThrownBy(() -> TensorDataset.of(x, Tensor.scalar(1))).hasMessageContaining("target must have a first (example) dimension");
        assertThatThrownBy(() -> TensorDataset.of(x).batch(new long[] {4})).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("index 4 is outside [0, 4)");
    }
}
