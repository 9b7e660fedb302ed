package dev.ithaca.data.transform;

import dev.ithaca.data.BatchContext;
import dev.ithaca.data.CpuTestBase;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OneHotTest extends CpuTestBase {

    @Test
    void encodesClassIndicesAsFloatRows() {
        Tensor x = Tensor.zeros(3, 2);
        Tensor y = Tensor.of(new long[] {2, 0, 3}, 3);
        Batch out = new OneHot(4).apply(new Batch(x, y), new BatchContext(0, 0, 0, new long[] {7, 8, 9}));
        assertThat(out.input()).isSameAs(x);
        assertThat(y.isClosed()).isTrue();
        assertThat(out.target().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(out.target().shape()).containsExactly(3, 4);
        assertThat(out.target().toFloatArray()).containsExactly(0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1);
        out.close();
    }

    @Test
    void anotherDtypeAndInt32Targets() {
        Tensor y = Tensor.of(new int[] {1, 0}, 2);
        try (Batch out = new OneHot(2, DType.INT64).apply(new Batch(Tensor.zeros(2), y), new BatchContext(0, 0, 0, new long[] {0, 1}))) {
            assertThat(out.target().dtype()).isEqualTo(DType.INT64);
            assertThat(out.target().toLongArray()).containsExactly(0, 1, 1, 0);
        }
    }

    @Test
    void aClassOutOfRangeNamesTheSample() {
        Tensor y = Tensor.of(new long[] {1, 10}, 2);
        assertThatThrownBy(() -> new OneHot(10).apply(new Batch(Tensor.zeros(2), y), new BatchContext(0, 0, 0, new long[] {40, 41})))
                .hasMessageContaining("class 10 of sample 41 is outside [0, 10)");
        assertThatThrownBy(() -> new OneHot(0)).hasMessageContaining("numClasses must be >= 1, got 0");
        assertThatThrownBy(() -> new OneHot(3, DType.BOOL)).hasMessageContaining("dtype must be FLOAT32, FLOAT64, INT32 or INT64");
        assertThatThrownBy(() -> new OneHot(3).apply(new Batch(Tensor.zeros(2), null), new BatchContext(0, 0, 0, new long[] {0, 1})))
                .hasMessageContaining("no target");
        assertThatThrownBy(() -> new OneHot(3).apply(new Batch(Tensor.zeros(2), Tensor.zeros(2)), new BatchContext(0, 0, 0, new long[] {0, 1})))
                .hasMessageContaining("needs INT32 or INT64 class indices");
    }
}
