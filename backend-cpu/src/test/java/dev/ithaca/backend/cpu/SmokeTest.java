package dev.ithaca.backend.cpu;

import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeTest {
    @Test
    void basics() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = a.add(1).mul(a);
        assertThat(b.toFloatArray()).containsExactly(2, 6, 12, 20, 30, 42);
        Tensor m = a.matmul(a.t());
        assertThat(m.toFloatArray()).containsExactly(14, 32, 32, 77);
        assertThat(a.sum().item()).isEqualTo(21);
        assertThat(a.sum(0).toFloatArray()).containsExactly(5, 7, 9);
        assertThat(a.softmax(1).sum(1).toFloatArray()).containsExactly(new float[] {1, 1}, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(Tensor.rand(42, 3).toFloatArray()).hasSize(3);
        System.out.println(a + " " + Tensor.randn(1, 4));
    }
}
