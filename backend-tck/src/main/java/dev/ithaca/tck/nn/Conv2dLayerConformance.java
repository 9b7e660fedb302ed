package dev.ithaca.tck.nn;

import dev.ithaca.nn.Conv2d;
import dev.ithaca.random.Generator;
import dev.ithaca.tck.BackendConformanceTest;
import dev.ithaca.tck.Samples;
import dev.ithaca.tck.nn.NnReference.ConvSpec;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.ithaca.tck.Approx.assertTensor;
import static dev.ithaca.tck.nn.NnSamples.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Conv2d} against a direct convolution loop, over stride, padding, dilation, groups and rectangular windows. */
public abstract class Conv2dLayerConformance extends BackendConformanceTest {

    /** in channels, out channels, window and groups; the input is [2, in, 7, 6]. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(3, 4, ConvSpec.square(3, 1, 1, 1, 1), true),
                Arguments.of(3, 2, ConvSpec.square(1, 1, 0, 1, 1), true),
                Arguments.of(2, 3, ConvSpec.square(3, 2, 0, 1, 1), false),
                Arguments.of(2, 2, ConvSpec.square(3, 1, 2, 2, 1), true),
                Arguments.of(4, 6, ConvSpec.square(3, 2, 1, 1, 2), true),
                Arguments.of(4, 4, ConvSpec.square(3, 1, 1, 1, 4), true),
                Arguments.of(6, 3, new ConvSpec(3, 2, 2, 1, 1, 0, 1, 2, 3), true),
                Arguments.of(2, 4, new ConvSpec(2, 3, 1, 2, 0, 1, 2, 1, 2), false));
    }

    private static Conv2d build(int in, int out, ConvSpec s, boolean bias, long seed) {
        return Conv2d.builder(in, out, s.kernelH(), s.kernelW()).stride(s.strideH(), s.strideW())
                .padding(s.padH(), s.padW()).dilation(s.dilationH(), s.dilationW()).groups(s.groups()).bias(bias)
                .generator(new Generator(seed)).build();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void forwardMatchesTheDirectLoop(int in, int out, ConvSpec spec, boolean bias) {
        long[] shape = {2, in, 7, 6};
        double[] x = Samples.floats(7, (int) Samples.numel(shape), -2, 2);
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Conv2d conv = build(in, out, spec, bias, 9);
            conv.to(dtype);
            Tensor y = conv.forward(Samples.tensor(dtype, x, shape));
            assertThat(y.dtype()).isEqualTo(dtype);
            assertTensor(y, NnReference.convShape(shape, out, spec), NnReference.conv2d(x, shape, values(conv, "weight"), out,
                    bias ? values(conv, "bias") : null, spec));
        }
    }

    @Test
    void groupsSeeOnlyTheirOwnChannels() {
        // two groups: changing the input's second half of channels must leave the first half of outputs alone
        Conv2d conv = new Conv2d(4, 6, 3, 1, 1, 1, 2, true, new Generator(3));
        conv.to(DType.FLOAT64);
        double[] x = Samples.floats(1, 4 * 25, -2, 2);
        double[] changed = x.clone();
        for (int i = 50; i < 100; i++) {
            changed[i] += 1;
        }
        double[] a = conv.forward(Tensor.of(x, 1, 4, 5, 5)).toDoubleArray();
        double[] b = conv.forward(Tensor.of(changed, 1, 4, 5, 5)).toDoubleArray();
        for (int i = 0; i < 75; i++) {
            assertThat(b[i]).as("output %d of group 0", i).isEqualTo(a[i]);
        }
        assertThat(java.util.Arrays.copyOfRange(b, 75, 150)).isNotEqualTo(java.util.Arrays.copyOfRange(a, 75, 150));
    }

    @Test
    void parametersHavePyTorchShapes() {
        Conv2d conv = Conv2d.builder(6, 4, 3, 2).groups(2).generator(new Generator(1)).build();
        assertThat(conv.weight().shape()).containsExactly(4, 3, 3, 2);
        assertThat(conv.bias().orElseThrow().shape()).containsExactly(4);
        assertThat(conv.namedParameters().keySet()).containsExactly("weight", "bias");
        assertThat(new Conv2d(2, 3, 3, 1, 0, 1, 1, false, new Generator(1)).namedParameters().keySet()).containsExactly("weight");
    }

    @Test
    void defaultInitIsUniformWithinOneOverSqrtFanIn() {
        Conv2d conv = new Conv2d(32, 64, 3, 1, 1, 1, 2, true, new Generator(5));
        double bound = 1 / Math.sqrt(16 * 9);   // fan in: in/groups * kH * kW
        double[] w = conv.weight().toDoubleArray();
        double maxAbs = 0;
        double sumSquares = 0;
        for (double v : w) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
            sumSquares += v * v;
        }
        assertThat(maxAbs).isLessThanOrEqualTo(bound).isGreaterThan(0.99 * bound);
        assertThat(Math.sqrt(sumSquares / w.length)).isCloseTo(bound / Math.sqrt(3), Percentage.withPercentage(3));
        assertThat(java.util.Arrays.stream(conv.bias().orElseThrow().toDoubleArray()).map(Math::abs).max().orElseThrow())
                .isLessThanOrEqualTo(bound);
    }

    @Test
    void squareConstructorsMatchTheBuilder() {
        Conv2d a = new Conv2d(2, 3, 3, 2, 1, new Generator(4));
        Conv2d b = Conv2d.builder(2, 3, 3).stride(2).padding(1).generator(new Generator(4)).build();
        assertThat(a.weight().toDoubleArray()).containsExactly(b.weight().toDoubleArray());
        assertThat(a.window()).isEqualTo(b.window());
        assertThat(new Conv2d(2, 3, 3).window()).isEqualTo(dev.ithaca.tensor.Window2d.of(3, 1, 0, 1));
    }

    @Test
    void rejectsBadArgumentsAndInputsWithClearMessages() {
        assertThatThrownBy(() -> new Conv2d(0, 3, 3)).hasMessageContaining("inChannels").hasMessageContaining("got 0");
        assertThatThrownBy(() -> new Conv2d(3, 0, 3)).hasMessageContaining("outChannels").hasMessageContaining("got 0");
        assertThatThrownBy(() -> new Conv2d(3, 3, 0)).hasMessageContaining("kernelH").hasMessageContaining("got 0");
        assertThatThrownBy(() -> new Conv2d(3, 3, 3, 0, 0, 1, 1, true, null)).hasMessageContaining("strideH");
        assertThatThrownBy(() -> new Conv2d(3, 3, 3, 1, -1, 1, 1, true, null)).hasMessageContaining("paddingH").hasMessageContaining("-1");
        assertThatThrownBy(() -> new Conv2d(3, 3, 3, 1, 0, 0, 1, true, null)).hasMessageContaining("dilationH");
        assertThatThrownBy(() -> new Conv2d(3, 4, 3, 1, 0, 1, 2, true, null))
                .hasMessageContaining("inChannels (3) must be divisible by groups (2)");
        assertThatThrownBy(() -> new Conv2d(4, 3, 3, 1, 0, 1, 2, true, null))
                .hasMessageContaining("outChannels (3) must be divisible by groups (2)");
        Conv2d conv = new Conv2d(3, 2, 3, 1, 0, new Generator(1));
        assertThatThrownBy(() -> conv.forward(Tensor.zeros(1, 4, 5, 5))).hasMessageContaining("4 channels")
                .hasMessageContaining("inChannels=3");
        assertThatThrownBy(() -> conv.forward(Tensor.zeros(3, 5, 5))).hasMessageContaining("4-D");
        assertThatThrownBy(() -> conv.forward(Tensor.zeros(1, 3, 2, 5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1, 3, 2, 5]");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void gradientsMatchFiniteDifferences(int in, int out, ConvSpec spec, boolean bias) {
        Conv2d conv = build(in, out, spec, bias, 13);
        conv.to(DType.FLOAT64);
        ModuleGradCheck.check(conv, NnSamples.doubles(17, 1, in, 5, 4));
    }

    @Test
    void toStringNamesTheArguments() {
        assertThat(Conv2d.builder(4, 2, 3, 1).stride(2).padding(1, 0).groups(2).bias(false).build()).hasToString(
                "Conv2d(inChannels=4, outChannels=2, kernelSize=(3, 1), stride=(2, 2), padding=(1, 0), dilation=(1, 1),"
                        + " groups=2, bias=false)");
    }
}
