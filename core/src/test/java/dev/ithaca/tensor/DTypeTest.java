package dev.ithaca.tensor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DTypeTest {

    @Test
    void promotionFollowsPyTorchsCategoryOrder() {
        assertThat(DType.promote(DType.INT32, DType.INT64)).isEqualTo(DType.INT64);
        assertThat(DType.promote(DType.INT64, DType.FLOAT32)).isEqualTo(DType.FLOAT32);
        assertThat(DType.promote(DType.FLOAT64, DType.FLOAT32)).isEqualTo(DType.FLOAT64);
        assertThat(DType.promote(DType.BOOL, DType.INT32)).isEqualTo(DType.INT32);
    }

    @Test
    void scalarsKeepTheTensorTypeUnlessTheyNeedAFraction() {
        assertThat(DType.INT32.promoteWithScalar(2)).isEqualTo(DType.INT32);
        assertThat(DType.INT32.promoteWithScalar(2.5)).isEqualTo(DType.FLOAT32);
        assertThat(DType.FLOAT64.promoteWithScalar(2.5)).isEqualTo(DType.FLOAT64);
        assertThat(DType.BOOL.promoteWithScalar(3)).isEqualTo(DType.INT64);
        assertThat(DType.INT64.promoteWithScalar(Double.POSITIVE_INFINITY)).isEqualTo(DType.FLOAT32);
    }

    @Test
    void devicesParseAndPrintLikePyTorch() {
        assertThat(Device.parse("cuda:1")).isEqualTo(new Device("cuda", 1));
        assertThat(Device.parse("cpu").toString()).isEqualTo("cpu");
        assertThat(new Device("cuda", 0).toString()).isEqualTo("cuda:0");
        assertThatThrownBy(() -> Device.parse("cuda:x")).hasMessageContaining("'x' is not a number");
        assertThatThrownBy(() -> new Device("cuda", -1)).hasMessageContaining("-1");
    }

    @Test
    void windowOutputSizesFollowPyTorchsFormula() {
        Window2d w = new Window2d(3, 2, 2, 1, 1, 0, 2, 1);
        assertThat(w.outputHeight(7)).isEqualTo(3);   // floor((7 + 2 - 2*2 - 1) / 2) + 1
        assertThat(w.outputWidth(5)).isEqualTo(4);    // floor((5 - 1 - 1) / 1) + 1
        assertThatThrownBy(() -> Window2d.of(5, 1).outputHeight(3)).hasMessageContaining("smaller than the dilated kernel");
        assertThatThrownBy(() -> Window2d.of(0, 1)).hasMessage("Window2d.kernelH must be >= 1, got 0");
    }
}
