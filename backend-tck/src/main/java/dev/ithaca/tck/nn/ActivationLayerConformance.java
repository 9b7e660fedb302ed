package dev.ithaca.tck.nn;

import dev.ithaca.nn.GELU;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.ReLU;
import dev.ithaca.nn.SiLU;
import dev.ithaca.nn.Sigmoid;
import dev.ithaca.nn.Softmax;
import dev.ithaca.nn.Tanh;
import dev.ithaca.tck.BackendConformanceTest;
import dev.ithaca.tck.Reference;
import dev.ithaca.tck.Samples;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.function.DoubleUnaryOperator;

import static dev.ithaca.tck.Approx.assertTensor;
import static dev.ithaca.tck.Approx.assertValues;
import static org.assertj.core.api.Assertions.assertThat;

/** The activation layers against their closed forms, and their gradients. */
public abstract class ActivationLayerConformance extends BackendConformanceTest {
    private static final double[] X = Samples.floats(1, 24, -2.9, 2.9);

    private static void assertElementwise(Module layer, DoubleUnaryOperator expected) {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor y = layer.forward(Samples.tensor(dtype, X, 2, 3, 4));
            assertThat(y.dtype()).isEqualTo(dtype);
            assertTensor(y, new long[] {2, 3, 4}, Reference.map(X, expected));
        }
    }

    @Test
    void reluIsMaxOfZero() {
        assertElementwise(new ReLU(), v -> Math.max(0, v));
    }

    @Test
    void tanhAndSigmoidAreTheirFunctions() {
        assertElementwise(new Tanh(), Math::tanh);
        assertElementwise(new Sigmoid(), v -> 1 / (1 + Math.exp(-v)));
    }

    @Test
    void siluIsXTimesSigmoid() {
        assertElementwise(new SiLU(), v -> v / (1 + Math.exp(-v)));
    }

    @Test
    void geluIsExactByDefaultAndTanhWhenAsked() {
        assertThat(new GELU().approximation()).isEqualTo(GELU.Approximation.NONE);
        assertElementwise(new GELU(), NnReference::geluExact);
        assertElementwise(new GELU(GELU.Approximation.TANH), NnReference::geluTanh);
        // the two differ by up to ~1e-3 around |x| = 2: the option is not a no-op
        double exact = new GELU().forward(Tensor.of(new double[] {-2})).item();
        double tanh = new GELU(GELU.Approximation.TANH).forward(Tensor.of(new double[] {-2})).item();
        assertThat(Math.abs(exact - tanh)).isGreaterThan(1e-5);
    }

    @Test
    void softmaxNormalizesAlongItsDim() {
        long[] shape = {2, 3, 4};
        for (int dim : new int[] {0, 1, -1}) {
            Softmax softmax = new Softmax(dim);
            assertThat(softmax.dim()).isEqualTo(dim);
            assertValues(softmax.forward(Tensor.of(X, shape)), Reference.softmax(X, shape, dim < 0 ? dim + 3 : dim, false));
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor x = NnSamples.doubles(2, 2, 3, 4);
        // ReLU's kink at 0 is avoided: the sample values are never within 1e-6 of it
        for (Module layer : new Module[] {new ReLU(), new Tanh(), new Sigmoid(), new SiLU(), new GELU(),
                new GELU(GELU.Approximation.TANH), new Softmax(-1), new Softmax(0)}) {
            ModuleGradCheck.check(layer, x);
        }
    }

    @Test
    void toStringShowsTheOptions() {
        assertThat(new ReLU()).hasToString("ReLU()");
        assertThat(new GELU(GELU.Approximation.TANH)).hasToString("GELU(approximate=tanh)");
        assertThat(new GELU()).hasToString("GELU(approximate=none)");
        assertThat(new Softmax(-1)).hasToString("Softmax(dim=-1)");
    }
}
