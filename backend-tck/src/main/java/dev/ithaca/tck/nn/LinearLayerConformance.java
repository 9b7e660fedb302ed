package dev.ithaca.tck.nn;

import dev.ithaca.nn.Linear;
import dev.ithaca.random.Generator;
import dev.ithaca.tck.BackendConformanceTest;
import dev.ithaca.tck.Samples;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.ithaca.tck.Approx.assertTensor;
import static dev.ithaca.tck.nn.NnSamples.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Linear}: forward against the textbook loop, PyTorch's default init, options, errors and gradients. */
public abstract class LinearLayerConformance extends BackendConformanceTest {

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void forwardMatchesTheTripleLoop(DType dtype) {
        Linear linear = new Linear(5, 3, new Generator(1));
        linear.to(dtype);
        double[] x = Samples.floats(2, 20, -2, 2);
        Tensor y = linear.forward(Samples.tensor(dtype, x, 4, 5));
        assertThat(y.dtype()).isEqualTo(dtype);
        assertTensor(y, new long[] {4, 3}, NnReference.linear(x, 4, 5, values(linear, "weight"), values(linear, "bias"), 3));
    }

    @Test
    void appliesToTheLastDimensionOfBatchedInput() {
        Linear linear = new Linear(4, 6, new Generator(3));
        linear.to(DType.FLOAT64);
        double[] x = Samples.floats(4, 2 * 3 * 4, -2, 2);
        Tensor y = linear.forward(Tensor.of(x, 2, 3, 4));
        assertTensor(y, new long[] {2, 3, 6}, NnReference.linear(x, 6, 4, values(linear, "weight"), values(linear, "bias"), 6));
        double[] single = java.util.Arrays.copyOf(x, 4);
        assertTensor(linear.forward(Tensor.of(single)), new long[] {6},
                NnReference.linear(single, 1, 4, values(linear, "weight"), values(linear, "bias"), 6));
    }

    @Test
    void withoutBiasHasOnlyAWeight() {
        Linear linear = new Linear(3, 2, false, new Generator(5));
        linear.to(DType.FLOAT64);
        assertThat(linear.namedParameters().keySet()).containsExactly("weight");
        assertThat(linear.bias()).isEmpty();
        double[] x = Samples.floats(6, 6, -2, 2);
        assertTensor(linear.forward(Tensor.of(x, 2, 3)), new long[] {2, 2},
                NnReference.linear(x, 2, 3, values(linear, "weight"), null, 2));
    }

    @Test
    void parametersHavePyTorchShapesAndRequireGradients() {
        Linear linear = new Linear(7, 2, new Generator(1));
        assertThat(linear.weight().shape()).containsExactly(2, 7);
        assertThat(linear.bias().orElseThrow().shape()).containsExactly(2);
        assertThat(linear.parameters()).allMatch(p -> p.requiresGrad() && p.isLeaf() && p.dtype() == DType.FLOAT32);
        assertThat(linear.parameterCount()).isEqualTo(16);
    }

    @Test
    void defaultInitIsUniformWithinOneOverSqrtFanIn() {
        Linear linear = new Linear(400, 300, new Generator(11));
        double bound = 1 / Math.sqrt(400);
        double[] w = linear.weight().toDoubleArray();
        double maxAbs = 0;
        double sumSquares = 0;
        for (double v : w) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
            sumSquares += v * v;
        }
        assertThat(maxAbs).isLessThanOrEqualTo(bound).isGreaterThan(0.99 * bound);
        // U(-b, b) has standard deviation b / sqrt(3)
        assertThat(Math.sqrt(sumSquares / w.length)).isCloseTo(bound / Math.sqrt(3), org.assertj.core.data.Percentage.withPercentage(2));
        assertThat(java.util.Arrays.stream(linear.bias().orElseThrow().toDoubleArray()).map(Math::abs).max().orElseThrow())
                .isLessThanOrEqualTo(bound);
    }

    @Test
    void aSeedReproducesTheWeightsAndDifferentSeedsDiffer() {
        double[] a = new Linear(8, 4, new Generator(42)).weight().toDoubleArray();
        double[] b = new Linear(8, 4, new Generator(42)).weight().toDoubleArray();
        double[] c = new Linear(8, 4, new Generator(43)).weight().toDoubleArray();
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(new Linear(8, 4).weight().toDoubleArray()).isNotEqualTo(new Linear(8, 4).weight().toDoubleArray());
    }

    @Test
    void rejectsBadArgumentsAndInputsWithClearMessages() {
        assertThatThrownBy(() -> new Linear(0, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inFeatures").hasMessageContaining("got 0");
        assertThatThrownBy(() -> new Linear(3, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outFeatures").hasMessageContaining("got -1");
        Linear linear = new Linear(4, 2, new Generator(1));
        assertThatThrownBy(() -> linear.forward(Tensor.zeros(3, 5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[3, 5]").hasMessageContaining("4 features");
        assertThatThrownBy(() -> linear.forward(Tensor.of(new long[] {1, 2, 3, 4}, 1, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INT64");
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Linear linear = new Linear(4, 3, new Generator(1));
        linear.to(DType.FLOAT64);
        ModuleGradCheck.check(linear, NnSamples.doubles(2, 2, 4));
        Linear noBias = new Linear(3, 2, false, new Generator(2));
        noBias.to(DType.FLOAT64);
        ModuleGradCheck.check(noBias, NnSamples.doubles(3, 2, 2, 3));
    }

    @Test
    void toStringNamesTheArguments() {
        assertThat(new Linear(3, 2, false, new Generator(1))).hasToString("Linear(inFeatures=3, outFeatures=2, bias=false)");
    }
}
