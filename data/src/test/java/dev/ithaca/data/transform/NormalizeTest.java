package dev.ithaca.data.transform;

import dev.ithaca.data.BatchContext;
import dev.ithaca.data.CpuTestBase;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NormalizeTest extends CpuTestBase {
    private static final BatchContext TWO_ROWS = new BatchContext(0, 0, 0, new long[] {0, 1});

    @Test
    void subtractsTheChannelMeanAndDividesByTheChannelStd() {
        // [2 samples, 2 channels, 1x2 pixels]
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 1, 2);
        Tensor y = Tensor.of(new long[] {0, 1}, 2);
        Batch out = new Normalize(new double[] {1, 2}, new double[] {2, 0.5}).apply(new Batch(x, y), TWO_ROWS);
        assertThat(x.isClosed()).as("the replaced input is freed").isTrue();
        assertThat(out.target()).isSameAs(y);
        assertThat(out.input().shape()).containsExactly(2, 2, 1, 2);
        // channel 0: (v - 1) / 2, channel 1: (v - 2) / 0.5
        assertThat(out.input().toFloatArray()).containsExactly(0f, 0.5f, 2f, 4f, 2f, 2.5f, 10f, 12f);
        out.close();
    }

    @Test
    void matchesTorchvisionsFashionMnistNormalizationInFloat32() {
        float[] pixels = {0f, 1f, 128 / 255f};
        Tensor x = Tensor.of(pixels, 3, 1, 1, 1);
        try (Batch out = new Normalize(0.2860, 0.3530).apply(new Batch(x, null), new BatchContext(0, 0, 0, new long[] {0, 1, 2}))) {
            float[] v = out.input().toFloatArray();
            for (int i = 0; i < pixels.length; i++) {
                assertThat(v[i]).isEqualTo((pixels[i] - 0.2860f) / 0.3530f);
            }
        }
    }

    @Test
    void oneValueAppliesToEveryChannelAndTablesUseDimensionOne() {
        Tensor table = Tensor.of(new double[] {10, 20, 30, 40}, 2, 2);
        try (Batch out = new Normalize(new double[] {10, 20}, new double[] {10, 20}).apply(new Batch(table, null), TWO_ROWS)) {
            assertThat(out.input().dtype()).isEqualTo(DType.FLOAT64);
            assertThat(out.input().toDoubleArray()).containsExactly(0, 0, 2, 1);
        }
        Tensor images = Tensor.of(new float[] {2, 4, 6, 8}, 2, 2, 1, 1);
        try (Batch out = new Normalize(2, 2).apply(new Batch(images, null), TWO_ROWS)) {
            assertThat(out.input().toFloatArray()).containsExactly(0, 1, 2, 3);
        }
    }

    @Test
    void badArgumentsAndInputsAreRefused() {
        assertThatThrownBy(() -> new Normalize(new double[] {0, 0}, new double[] {1})).hasMessageContaining("same non-zero length");
        assertThatThrownBy(() -> new Normalize(0, 0)).hasMessageContaining("std[0] must be positive and finite, got 0.0");
        assertThatThrownBy(() -> new Normalize(Double.NaN, 1)).hasMessageContaining("mean[0] must be finite");
        Normalize threeChannels = new Normalize(new double[] {0, 0, 0}, new double[] {1, 1, 1});
        assertThatThrownBy(() -> threeChannels.apply(new Batch(Tensor.zeros(2, 1, 4, 4), null), TWO_ROWS))
                .hasMessageContaining("3 mean/std values need an input with 3 channels in dimension 1, got FLOAT32[2, 1, 4, 4]");
        assertThatThrownBy(() -> new Normalize(0, 1).apply(new Batch(Tensor.of(new long[] {1, 2}, 2), null), TWO_ROWS))
                .hasMessageContaining("needs a floating-point input");
    }
}
