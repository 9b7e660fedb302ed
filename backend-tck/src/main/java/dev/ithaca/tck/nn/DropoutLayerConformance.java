package dev.ithaca.tck.nn;

import dev.ithaca.nn.Dropout;
import dev.ithaca.random.Generator;
import dev.ithaca.tck.BackendConformanceTest;
import dev.ithaca.tck.GradCheck;
import dev.ithaca.tck.Samples;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.ithaca.tck.Approx.assertValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Dropout}: inverted scaling in training, identity in evaluation, the drop rate, seeding and the gradient. */
public abstract class DropoutLayerConformance extends BackendConformanceTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.5, 0.8})
    void trainingZeroesAboutPAndScalesTheRestByOneOverOneMinusP(double p) {
        int n = 100_000;
        double[] x = Samples.floats(1, n, 0.5, 2);
        double[] y = new Dropout(p, 7).forward(Tensor.of(x)).toDoubleArray();
        int dropped = 0;
        for (int i = 0; i < n; i++) {
            if (y[i] == 0) {
                dropped++;
            } else {
                assertThat(y[i]).as("element %d", i).isCloseTo(x[i] / (1 - p), Offset.offset(1e-12));
            }
        }
        double sigma = Math.sqrt(n * p * (1 - p));
        assertThat((double) dropped).isCloseTo(n * p, Offset.offset(5 * sigma));
    }

    @Test
    void evaluationReturnsTheInputUnchanged() {
        Dropout dropout = new Dropout(0.5, 1);
        dropout.eval();
        Tensor x = Tensor.of(Samples.floats(2, 50, -2, 2));
        assertThat(dropout.forward(x)).isSameAs(x);
        dropout.train();
        assertThat(dropout.forward(x).toDoubleArray()).contains(0.0);
    }

    @Test
    void zeroProbabilityIsTheIdentityAndOneDropsEverythingWithoutNaN() {
        Tensor x = Tensor.of(Samples.floats(3, 50, 1, 2));
        assertValues(new Dropout(0, 1).forward(x), x.toDoubleArray());
        assertThat(new Dropout(1, 1).forward(x).toDoubleArray()).containsOnly(0.0);
    }

    @Test
    void aSeedReproducesTheMasksAndSuccessiveCallsDrawNewOnes() {
        Tensor x = Tensor.ones(DType.FLOAT64, 200);
        Dropout a = new Dropout(0.5, new Generator(9));
        Dropout b = new Dropout(0.5, new Generator(9));
        double[] first = a.forward(x).toDoubleArray();
        assertThat(b.forward(x).toDoubleArray()).containsExactly(first);
        assertThat(a.forward(x).toDoubleArray()).isNotEqualTo(first);
        assertThat(new Dropout(0.5, 10).forward(x).toDoubleArray()).isNotEqualTo(first);
    }

    @Test
    void withoutASeedMasksAreStillDrawn() {
        double[] y = new Dropout(0.5).forward(Tensor.ones(DType.FLOAT64, 200)).toDoubleArray();
        assertThat(y).contains(0.0, 2.0).containsOnly(0.0, 2.0);
    }

    @Test
    void keepsTheInputsDtype() {
        assertThat(new Dropout(0.3, 1).forward(Tensor.ones(4, 4)).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(new Dropout(0.3, 1).forward(Tensor.ones(DType.FLOAT64, 4, 4)).dtype()).isEqualTo(DType.FLOAT64);
    }

    @Test
    void gradientIsTheScaledMask() {
        // a fresh generator per call gives every evaluation the same mask
        GradCheck.check(args -> new Dropout(0.4, 3).forward(args[0]), NnSamples.doubles(4, 3, 5));
        Tensor x = NnSamples.doubles(5, 40).requiresGrad(true);
        Tensor y = new Dropout(0.25, 6).forward(x);
        y.sum().backward();
        double[] kept = y.toDoubleArray();
        double[] grad = x.grad().toDoubleArray();
        for (int i = 0; i < grad.length; i++) {
            assertThat(grad[i]).isEqualTo(kept[i] == 0 ? 0 : 1 / 0.75, Offset.offset(1e-12));
        }
    }

    @Test
    void rejectsProbabilitiesOutsideZeroToOne() {
        assertThatThrownBy(() -> new Dropout(-0.1)).hasMessageContaining("p must be a probability in [0, 1], got -0.1");
        assertThatThrownBy(() -> new Dropout(1.5, 1)).hasMessageContaining("got 1.5");
        assertThatThrownBy(() -> new Dropout(Double.NaN, 1)).hasMessageContaining("got NaN");
        assertThatThrownBy(() -> new Dropout(0.5, 1).forward(Tensor.of(new long[] {1, 2}))).hasMessageContaining("INT64");
    }

    @Test
    void toStringNamesTheProbability() {
        assertThat(new Dropout(0.25, 1)).hasToString("Dropout(p=0.25)");
    }
}
