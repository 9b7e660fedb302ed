package dev.ithaca.tck.loss;

import dev.ithaca.nn.loss.HuberLoss;
import dev.ithaca.nn.loss.L1Loss;
import dev.ithaca.nn.loss.Loss;
import dev.ithaca.nn.loss.MSELoss;
import dev.ithaca.nn.loss.Reduction;
import dev.ithaca.nn.loss.SmoothL1Loss;
import dev.ithaca.tck.BackendConformanceTest;
import dev.ithaca.tck.GradCheck;
import dev.ithaca.tck.Samples;
import dev.ithaca.tck.loss.LossReference.PerPosition;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

import static dev.ithaca.tck.Approx.assertClose;
import static dev.ithaca.tck.Approx.assertTensor;
import static dev.ithaca.tck.Samples.tensor;
import static dev.ithaca.tck.loss.LossAssertions.assertFreesIntermediates;
import static dev.ithaca.tck.loss.LossAssertions.assertLoss;
import static dev.ithaca.tck.loss.LossAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

/** MSELoss, L1Loss, SmoothL1Loss and HuberLoss against their piecewise definitions in plain Java, and their gradients. */
public abstract class RegressionLossConformance extends BackendConformanceTest {
    private static final long[] SHAPE = {3, 4};
    private static final int NUMEL = 12;

    /** The reference of each loss per element of {@code d = input - target}. */
    private static PerPosition reference(double[] input, double[] target, DoubleUnaryOperator perDifference) {
        double[] out = new double[input.length];
        for (int i = 0; i < input.length; i++) {
            out[i] = perDifference.applyAsDouble(input[i] - target[i]);
        }
        return PerPosition.unweighted(out);
    }

    private void assertMatches(DType dtype, Function<Reduction, Loss> make, DoubleUnaryOperator perDifference) {
        double[] x = Samples.floats(1, NUMEL, -3, 3);
        double[] y = Samples.floats(2, NUMEL, -3, 3);
        PerPosition expected = reference(x, y, perDifference);
        for (Reduction r : Reduction.values()) {
            Tensor loss = make.apply(r).forward(tensor(dtype, x, SHAPE), tensor(dtype, y, SHAPE));
            assertThat(loss.dtype()).isEqualTo(dtype);
            assertLoss(loss, r, expected, SHAPE);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void mseIsTheSquaredDifference(DType dtype) {
        assertMatches(dtype, MSELoss::new, d -> d * d);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void l1IsTheAbsoluteDifference(DType dtype) {
        assertMatches(dtype, L1Loss::new, Math::abs);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void smoothL1IsQuadraticBelowBetaAndLinearAbove(DType dtype) {
        for (double beta : new double[] {0, 0.5, 1, 2.5}) {
            assertMatches(dtype, r -> new SmoothL1Loss(r, beta), d -> LossReference.smoothL1(d, beta));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void huberIsQuadraticBelowDeltaAndDeltaScaledLinearAbove(DType dtype) {
        for (double delta : new double[] {0.5, 1, 2.5}) {
            assertMatches(dtype, r -> new HuberLoss(r, delta), d -> LossReference.huber(d, delta));
        }
    }

    @Test
    void defaultsAreTheMeanWithBetaAndDeltaOne() {
        Tensor x = Tensor.of(new double[] {0, 0.5, 3});
        Tensor y = Tensor.of(new double[] {0, 0, 0});
        assertTensor(new MSELoss().forward(x, y), new long[0], (0.25 + 9) / 3);
        assertTensor(new L1Loss().forward(x, y), new long[0], 3.5 / 3);
        assertTensor(new SmoothL1Loss().forward(x, y), new long[0], (0.125 + 2.5) / 3);
        assertTensor(new HuberLoss().forward(x, y), new long[0], (0.125 + 2.5) / 3);
    }

    @Test
    void theSeamsAreContinuous() {
        // exactly at |d| = beta both pieces give 0.5·beta; at |d| = delta both give 0.5·delta²
        Tensor x = Tensor.of(new double[] {2, -2, 0});
        Tensor zero = Tensor.zeros(DType.FLOAT64, 3);
        assertTensor(new SmoothL1Loss(Reduction.NONE, 2).forward(x, zero), new long[] {3}, 1, 1, 0);
        assertTensor(new HuberLoss(Reduction.NONE, 2).forward(x, zero), new long[] {3}, 2, 2, 0);
    }

    @Test
    void largeDifferencesStayFinite() {
        Tensor x = Tensor.of(new float[] {1e30f, -1e30f});
        Tensor zero = Tensor.zeros(2);
        assertTensor(new HuberLoss(Reduction.NONE, 1).forward(x, zero), new long[] {2}, 1e30, 1e30);
        assertTensor(new SmoothL1Loss(Reduction.NONE, 0.5).forward(x, zero), new long[] {2}, 1e30, 1e30);
    }

    @Property(tries = 50)
    void huberIsDeltaTimesSmoothL1WithBetaDelta(@ForAll @IntRange(min = 0, max = 1000) int seed,
                                                @ForAll @DoubleRange(min = 0.01, max = 10) double delta) {
        Tensor x = Tensor.of(Samples.floats(seed, 8, -20, 20));
        Tensor y = Tensor.of(Samples.floats(seed + 1, 8, -20, 20));
        double[] huber = new HuberLoss(Reduction.NONE, delta).forward(x, y).toDoubleArray();
        double[] smooth = new SmoothL1Loss(Reduction.NONE, delta).forward(x, y).toDoubleArray();
        for (int i = 0; i < smooth.length; i++) {
            smooth[i] *= delta;
        }
        assertClose(huber, smooth, 1e-12);
        for (double v : huber) {
            assertThat(v).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void smoothL1WithBetaZeroIsL1() {
        Tensor x = Samples.floatTensor(3, SHAPE);
        Tensor y = Samples.floatTensor(4, SHAPE);
        assertThat(new SmoothL1Loss(Reduction.NONE, 0).forward(x, y).toDoubleArray())
                .containsExactly(new L1Loss(Reduction.NONE).forward(x, y).toDoubleArray());
    }

    @Test
    void gradientsReachInputAndTargetForEveryLossAndReduction() {
        Tensor x = Tensor.of(Samples.floats(7, NUMEL, -3, 3), SHAPE);
        Tensor y = Tensor.of(Samples.floats(8, NUMEL, -3, 3), SHAPE);
        for (Reduction r : Reduction.values()) {
            for (Loss loss : List.of(new MSELoss(r), new L1Loss(r), new SmoothL1Loss(r, 0), new SmoothL1Loss(r, 0.5),
                    new SmoothL1Loss(r, 2), new HuberLoss(r, 0.5), new HuberLoss(r, 2))) {
                GradCheck.check(in -> loss.forward(in[0], in[1]), x, y);
            }
        }
    }

    @Test
    void huberGradientIsZeroAtZeroAndContinuousAtTheSeam() {
        // d/dx is d inside the quadratic piece and ±delta beyond it; at |d| = delta both agree
        Tensor x = Tensor.of(new double[] {0, 2, -2, 3, -0.5}).requiresGrad(true);
        new HuberLoss(Reduction.SUM, 2).forward(x, Tensor.zeros(DType.FLOAT64, 5)).backward();
        assertTensor(x.grad(), new long[] {5}, 0, 2, -2, 2, -0.5);
    }

    @Test
    void forwardFreesItsIntermediates() {
        Tensor x = Samples.floatTensor(5, SHAPE);
        Tensor y = Samples.floatTensor(6, SHAPE);
        for (Reduction r : Reduction.values()) {
            for (Loss loss : List.of(new MSELoss(r), new L1Loss(r), new SmoothL1Loss(r, 0.7), new SmoothL1Loss(r, 0), new HuberLoss(r, 1.3))) {
                assertFreesIntermediates(backend(), () -> loss.forward(x, y));
            }
        }
    }

    @Test
    void badInputIsNamed() {
        for (Loss loss : List.of(new MSELoss(), new L1Loss(), new SmoothL1Loss(), new HuberLoss())) {
            String name = loss.getClass().getSimpleName();
            assertRejected(() -> loss.forward(Tensor.zeros(3, 4), Tensor.zeros(4, 3)), name, "target", "[4, 3]", "[3, 4]");
            assertRejected(() -> loss.forward(Tensor.zeros(3), Tensor.zeros(1)), name, "[1]", "[3]");
            assertRejected(() -> loss.forward(Tensor.zeros(DType.INT64, 3), Tensor.zeros(3)), name, "input", "INT64");
            assertRejected(() -> loss.forward(Tensor.zeros(3), Tensor.zeros(DType.INT32, 3)), name, "target", "INT32");
        }
        assertRejected(() -> new SmoothL1Loss(Reduction.MEAN, -0.5), "SmoothL1Loss", "beta", "-0.5");
        assertRejected(() -> new SmoothL1Loss(Reduction.MEAN, Double.NaN), "SmoothL1Loss", "beta", "NaN");
        assertRejected(() -> new HuberLoss(Reduction.MEAN, -1), "HuberLoss", "delta", "-1.0");
        assertRejected(() -> new HuberLoss(Reduction.MEAN, 0), "HuberLoss", "delta", "0.0");
    }
}
