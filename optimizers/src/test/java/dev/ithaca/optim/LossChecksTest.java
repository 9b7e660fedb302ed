package dev.ithaca.optim;

import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.LossChecks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LossChecksTest extends CpuTestBase {

    @Test
    void finiteLossesAreValid() {
        assertThat(LossChecks.isValidLoss(Tensor.scalar(0.25))).isTrue();
        assertThat(LossChecks.isValidLoss(Tensor.of(new float[] {1, -2, 3e38f}, 3))).isTrue();
        assertThat(LossChecks.isValidLoss(Tensor.of(new long[] {3}, 1))).isTrue();
        assertThat(LossChecks.isValidLoss(1e300)).isTrue();
    }

    @Test
    void nanAndInfiniteLossesAreNot() {
        assertThat(LossChecks.isValidLoss(Tensor.scalar(Double.NaN))).isFalse();
        assertThat(LossChecks.isValidLoss(Tensor.scalar(Double.POSITIVE_INFINITY))).isFalse();
        assertThat(LossChecks.isValidLoss(Tensor.of(new double[] {1, Double.NEGATIVE_INFINITY}, 2))).isFalse();
        assertThat(LossChecks.isValidLoss(Tensor.of(new float[] {1, 2, Float.NaN}, 3))).isFalse();
        assertThat(LossChecks.isValidLoss(Double.NaN)).isFalse();
    }
}
