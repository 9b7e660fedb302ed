package dev.ithaca.optim;

import dev.ithaca.nn.Parameter;
import dev.ithaca.tensor.DType;
import dev.ithaca.train.GradClipping;
import org.junit.jupiter.api.Test;
import org.assertj.core.data.Offset;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GradClippingTest extends CpuTestBase {

    /** Gradients [3, -4] and [12] (and a parameter without one): 2-norm 13, 1-norm 19, inf-norm 12. */
    private List<Parameter> params(DType dtype) {
        Parameter a = param("a", dtype, new double[] {0, 0}, 2);
        Parameter b = param("b", dtype, new double[] {0}, 1);
        Parameter c = param("c", dtype, new double[] {0}, 1);
        a.setGrad(tensor(dtype, new double[] {3, -4}, 2));
        b.setGrad(tensor(dtype, new double[] {12}, 1));
        return List.of(a, b, c);
    }

    @Test
    void scalesAllGradientsByTheTotalTwoNorm() {
        List<Parameter> params = params(DType.FLOAT64);
        double total = GradClipping.clipGradNorm(params, 6.5);
        assertThat(total).isCloseTo(13, Offset.offset(1e-12));
        double coefficient = 6.5 / (13 + 1e-6);
        assertThat(values(params.get(0).grad())).containsExactly(3 * coefficient, -4 * coefficient);
        assertThat(values(params.get(1).grad())).containsExactly(12 * coefficient);
        assertThat(params.get(2).grad()).isNull();
    }

    @Test
    void supportsOneInfinityAndOtherNorms() {
        List<Parameter> one = params(DType.FLOAT32);
        assertThat(GradClipping.clipGradNorm(one, 9.5, 1)).isCloseTo(19, Offset.offset(1e-5));
        float c1 = (float) (9.5 / (19 + 1e-6));
        assertThat(one.get(0).grad().toFloatArray()).containsExactly(3 * c1, -4 * c1);

        List<Parameter> inf = params(DType.FLOAT32);
        assertThat(GradClipping.clipGradNorm(inf, 6, Double.POSITIVE_INFINITY)).isEqualTo(12);
        float cInf = (float) (6 / (12 + 1e-6));
        assertThat(inf.get(1).grad().toFloatArray()).containsExactly(12 * cInf);
        assertThat(inf.get(0).grad().toFloatArray()).containsExactly(3 * cInf, -4 * cInf);

        List<Parameter> three = params(DType.FLOAT64);
        double expected = Math.cbrt(27 + 64 + 1728);
        assertThat(GradClipping.clipGradNorm(three, 1, 3)).isCloseTo(expected, Offset.offset(1e-9));
        assertThat(values(three.get(1).grad())[0]).isCloseTo(12 / (expected + 1e-6), Offset.offset(1e-9));
    }

    @Test
    void leavesGradientsAloneBelowTheLimit() {
        List<Parameter> params = params(DType.FLOAT32);
        assertThat(GradClipping.clipGradNorm(params, 13.5)).isCloseTo(13, Offset.offset(1e-5));
        assertThat(params.get(0).grad().toFloatArray()).containsExactly(3f, -4f);
        assertThat(GradClipping.clipGradNorm(List.of(param("none", DType.FLOAT32, new double[] {1}, 1)), 1)).isZero();
    }

    @Test
    void nonFiniteNormsThrowOnRequestAndOtherwisePoisonTheGradients() {
        List<Parameter> params = params(DType.FLOAT32);
        params.get(1).setGrad(tensor(DType.FLOAT32, new double[] {Double.NaN}, 1));
        assertThatThrownBy(() -> GradClipping.clipGradNorm(params, 1, 2, true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("non-finite (NaN)");
        assertThat(params.get(0).grad().toFloatArray()).as("untouched after the error").containsExactly(3f, -4f);
        assertThat(GradClipping.clipGradNorm(params, 1, Double.POSITIVE_INFINITY)).isNaN();
        assertThat(params.get(0).grad().toFloatArray()).containsOnly(Float.NaN);

        List<Parameter> infinite = params(DType.FLOAT32);
        infinite.get(1).setGrad(tensor(DType.FLOAT32, new double[] {Double.POSITIVE_INFINITY}, 1));
        assertThatThrownBy(() -> GradClipping.clipGradNorm(infinite, 1, 2, true)).hasMessageContaining("non-finite (Infinity)");
        assertThat(GradClipping.clipGradNorm(infinite, 1, 2, false)).isInfinite();
        assertThat(infinite.get(0).grad().toFloatArray()).containsExactly(0f, -0f);
    }

    @Test
    void rejectsInvalidArguments() {
        List<Parameter> params = params(DType.FLOAT32);
        assertThatThrownBy(() -> GradClipping.clipGradNorm(params, 1, 0)).hasMessageContaining("normType must be > 0").hasMessageContaining("0.0");
        assertThatThrownBy(() -> GradClipping.clipGradNorm(params, 1, Double.NEGATIVE_INFINITY)).hasMessageContaining("-Infinity");
        assertThatThrownBy(() -> GradClipping.clipGradNorm(params, Double.NaN)).hasMessageContaining("maxNorm");
        assertThatThrownBy(() -> GradClipping.clipGradValue(params, -1)).hasMessageContaining("clipValue must be >= 0, got -1.0");
    }

    @Test
    void clipsEachValueIntoTheRange() {
        List<Parameter> params = params(DType.FLOAT32);
        GradClipping.clipGradValue(params, 3.5);
        assertThat(params.get(0).grad().toFloatArray()).containsExactly(3f, -3.5f);
        assertThat(params.get(1).grad().toFloatArray()).containsExactly(3.5f);
        assertThat(params.get(2).grad()).isNull();
    }
}
