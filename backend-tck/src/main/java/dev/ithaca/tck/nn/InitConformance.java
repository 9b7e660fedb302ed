package dev.ithaca.tck.nn;

import dev.ithaca.nn.Parameter;
import dev.ithaca.nn.init.FanMode;
import dev.ithaca.nn.init.Fans;
import dev.ithaca.nn.init.Init;
import dev.ithaca.nn.init.Nonlinearity;
import dev.ithaca.random.Generator;
import dev.ithaca.tck.BackendConformanceTest;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Init}: bounds and spreads of each initializer (with 32768 samples the sample std is within
 * about 1% of the true one), fans, gains as {@code calculate_gain}, in-place filling and seeding.
 */
public abstract class InitConformance extends BackendConformanceTest {

    private static double maxAbs(double[] v) {
        return Arrays.stream(v).map(Math::abs).max().orElseThrow();
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    private static double std(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / v.length);
    }

    private static Parameter weight(long... shape) {
        return Parameter.of("weight", Tensor.zeros(shape));
    }

    @Test
    void gainsMatchCalculateGain() {
        assertThat(Init.calculateGain(Nonlinearity.LINEAR)).isEqualTo(1);
        assertThat(Init.calculateGain(Nonlinearity.CONV2D)).isEqualTo(1);
        assertThat(Init.calculateGain(Nonlinearity.CONV_TRANSPOSE3D)).isEqualTo(1);
        assertThat(Init.calculateGain(Nonlinearity.SIGMOID)).isEqualTo(1);
        assertThat(Init.calculateGain(Nonlinearity.TANH)).isEqualTo(5.0 / 3);
        assertThat(Init.calculateGain(Nonlinearity.RELU)).isEqualTo(Math.sqrt(2));
        assertThat(Init.calculateGain(Nonlinearity.SELU)).isEqualTo(0.75);
        assertThat(Init.calculateGain(Nonlinearity.LEAKY_RELU)).isEqualTo(Math.sqrt(2 / (1 + 0.01 * 0.01)));
        assertThat(Init.calculateGain(Nonlinearity.LEAKY_RELU, 0.2)).isEqualTo(Math.sqrt(2 / 1.04));
        assertThat(Init.calculateGain(Nonlinearity.LEAKY_RELU, Math.sqrt(5))).isCloseTo(Math.sqrt(1.0 / 3), Offset.offset(1e-15));
        assertThat(Init.calculateGain(Nonlinearity.RELU, 123)).isEqualTo(Math.sqrt(2));
    }

    @Test
    void fansCountTheReceptiveField() {
        assertThat(Fans.of(64, 32)).isEqualTo(new Fans(32, 64));
        assertThat(Fans.of(16, 8, 3, 5)).isEqualTo(new Fans(8 * 15, 16 * 15));
        assertThat(Fans.of(weight(6, 4, 2)).fan(FanMode.FAN_OUT)).isEqualTo(12);
        assertThatThrownBy(() -> Fans.of(5)).hasMessageContaining("at least 2 dimensions").hasMessageContaining("[5]");
    }

    @Test
    void kaimingUniformStaysWithinItsBoundAndHasItsSpread() {
        Parameter w = weight(256, 128);
        assertThat(Init.kaimingUniform(w, new Generator(1))).isSameAs(w);
        double bound = Math.sqrt(2) * Math.sqrt(3.0 / 128);
        double[] v = w.toDoubleArray();
        assertThat(maxAbs(v)).isLessThanOrEqualTo(bound).isGreaterThan(0.999 * bound);
        assertThat(std(v)).isCloseTo(bound / Math.sqrt(3), Percentage.withPercentage(2));
        assertThat(w.isLeaf()).isTrue();
        assertThat(w.gradFn()).isNull();
    }

    @Test
    void kaimingUniformUsesFanOutAndTheNonlinearityWhenAsked() {
        Parameter w = weight(64, 16, 2, 2);
        Init.kaimingUniform(w, 0, FanMode.FAN_OUT, Nonlinearity.TANH, new Generator(2));
        double bound = 5.0 / 3 * Math.sqrt(3.0 / (64 * 4));
        assertThat(maxAbs(w.toDoubleArray())).isLessThanOrEqualTo(bound).isGreaterThan(0.99 * bound);
        Parameter pyTorchLinear = weight(100, 400);
        Init.kaimingUniform(pyTorchLinear, Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, new Generator(3));
        assertThat(maxAbs(pyTorchLinear.toDoubleArray())).isLessThanOrEqualTo(1 / Math.sqrt(400)).isGreaterThan(0.99 / Math.sqrt(400));
    }

    @Test
    void kaimingNormalHasStdGainOverSqrtFan() {
        Parameter w = weight(128, 256);
        Init.kaimingNormal(w, new Generator(4));
        double[] v = w.toDoubleArray();
        assertThat(mean(v)).isCloseTo(0, Offset.offset(0.003));
        assertThat(std(v)).isCloseTo(Math.sqrt(2.0 / 256), Percentage.withPercentage(2));
        Parameter fanOut = weight(128, 256);
        Init.kaimingNormal(fanOut, 0, FanMode.FAN_OUT, Nonlinearity.RELU, new Generator(5));
        assertThat(std(fanOut.toDoubleArray())).isCloseTo(Math.sqrt(2.0 / 128), Percentage.withPercentage(2));
    }

    @Test
    void xavierNormalHasStdGainTimesSqrtTwoOverFanSum() {
        Parameter w = weight(128, 256);
        Init.xavierNormal(w, new Generator(6));
        assertThat(std(w.toDoubleArray())).isCloseTo(Math.sqrt(2.0 / (128 + 256)), Percentage.withPercentage(2));
        Parameter gained = weight(32, 16, 4, 4);
        Init.xavierNormal(gained, 2.5, new Generator(7));
        assertThat(std(gained.toDoubleArray())).isCloseTo(2.5 * Math.sqrt(2.0 / (16 * 16 + 32 * 16)), Percentage.withPercentage(3));
    }

    @Test
    void xavierUniformStaysWithinItsBound() {
        Parameter w = weight(200, 100);
        Init.xavierUniform(w, new Generator(8));
        double bound = Math.sqrt(6.0 / 300);
        assertThat(maxAbs(w.toDoubleArray())).isLessThanOrEqualTo(bound).isGreaterThan(0.999 * bound);
        Parameter gained = weight(200, 100);
        Init.xavierUniform(gained, Init.calculateGain(Nonlinearity.TANH), new Generator(8));
        assertThat(maxAbs(gained.toDoubleArray())).isGreaterThan(bound).isLessThanOrEqualTo(5.0 / 3 * bound);
    }

    @Test
    void uniformNormalAndConstantsFillInPlace() {
        Tensor t = Tensor.zeros(DType.FLOAT64, 100, 100);
        Init.uniform(t, -3, 5, new Generator(9));
        double[] v = t.toDoubleArray();
        assertThat(Arrays.stream(v).min().orElseThrow()).isGreaterThanOrEqualTo(-3).isLessThan(-2.99);
        assertThat(Arrays.stream(v).max().orElseThrow()).isLessThan(5).isGreaterThan(4.99);
        assertThat(mean(v)).isCloseTo(1, Offset.offset(0.1));
        Init.normal(t, 2, 0.5, new Generator(10));
        assertThat(mean(t.toDoubleArray())).isCloseTo(2, Offset.offset(0.02));
        assertThat(std(t.toDoubleArray())).isCloseTo(0.5, Percentage.withPercentage(3));
        Init.uniform(t, 4, 4, new Generator(1));
        assertThat(t.toDoubleArray()).containsOnly(4.0);
        Init.ones(t);
        assertThat(t.toDoubleArray()).containsOnly(1.0);
        Init.zeros(t);
        assertThat(t.toDoubleArray()).containsOnly(0.0);
        Init.constant(t, -7.5);
        assertThat(t.toDoubleArray()).containsOnly(-7.5);
        assertThat(t.dtype()).isEqualTo(DType.FLOAT64);
    }

    @Test
    void aSeedReproducesTheValues() {
        Parameter a = weight(10, 10);
        Parameter b = weight(10, 10);
        Init.xavierUniform(a, new Generator(11));
        Init.xavierUniform(b, new Generator(11));
        assertThat(a.toDoubleArray()).containsExactly(b.toDoubleArray());
        Generator shared = new Generator(11);
        Init.xavierUniform(a, shared);
        Init.xavierUniform(b, shared);
        assertThat(a.toDoubleArray()).isNotEqualTo(b.toDoubleArray());
    }

    @Test
    void rejectsBadArguments() {
        Generator g = new Generator(1);
        assertThatThrownBy(() -> Init.xavierUniform(Tensor.zeros(5), g)).hasMessageContaining("at least 2 dimensions");
        assertThatThrownBy(() -> Init.kaimingNormal(Tensor.zeros(DType.INT64, 3, 3), g)).hasMessageContaining("floating-point")
                .hasMessageContaining("INT64");
        assertThatThrownBy(() -> Init.uniform(Tensor.zeros(3), 2, 1, g)).hasMessageContaining("low <= high")
                .hasMessageContaining("low=2.0, high=1.0");
        assertThatThrownBy(() -> Init.normal(Tensor.zeros(3), 0, -1, g)).hasMessageContaining("std >= 0").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> Init.xavierNormal(Tensor.zeros(3, 3), -1, g)).hasMessageContaining("gain").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> Init.kaimingUniform(Tensor.zeros(3, 3), Double.NaN, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, g))
                .hasMessageContaining("negativeSlope");
        assertThatThrownBy(() -> Init.kaimingUniform(Tensor.zeros(3, 3), null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("generator");
    }
}
