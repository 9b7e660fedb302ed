package dev.ithaca.tck.loss;

import dev.ithaca.nn.loss.BCEWithLogitsLoss;
import dev.ithaca.nn.loss.Reduction;
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

import static dev.ithaca.tck.Approx.assertClose;
import static dev.ithaca.tck.Approx.assertTensor;
import static dev.ithaca.tck.Samples.tensor;
import static dev.ithaca.tck.loss.LossAssertions.assertFreesIntermediates;
import static dev.ithaca.tck.loss.LossAssertions.assertLoss;
import static dev.ithaca.tck.loss.LossAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * BCEWithLogitsLoss against {@code -w·[pw·y·log σ(x) + (1-y)·log(1-σ(x))]} in plain Java: every
 * reduction, per-class posWeight, broadcast weights, logits of ±1000, gradients, and bad input.
 */
public abstract class BCEWithLogitsLossConformance extends BackendConformanceTest {
    private static final int N = 3;
    private static final int C = 4;
    private static final double[] POS_WEIGHT = {0.5, 1, 2, 4};
    private static final double[] ROW_WEIGHT = {1, 0.25, 3};

    /** Reference per element [N, C], posWeight by class (last dim), weight by row, either may be null. */
    private static PerPosition reference(double[] x, double[] y, double[] posWeight, double[] rowWeight) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = LossReference.bceWithLogits(x[i], y[i], rowWeight == null ? 1 : rowWeight[i / C],
                    posWeight == null ? 1 : posWeight[i % C]);
        }
        return PerPosition.unweighted(out);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void matchesTheReferenceWithAndWithoutWeights(DType dtype) {
        double[] x = Samples.floats(1, N * C, -6, 6);
        double[] y = Samples.floats(2, N * C, 0, 1);
        for (double[] posWeight : new double[][] {null, POS_WEIGHT}) {
            for (double[] rowWeight : new double[][] {null, ROW_WEIGHT}) {
                PerPosition expected = reference(x, y, posWeight, rowWeight);
                for (Reduction r : Reduction.values()) {
                    BCEWithLogitsLoss.Builder b = BCEWithLogitsLoss.builder().reduction(r);
                    if (posWeight != null) {
                        b.posWeight(tensor(dtype, posWeight, C));
                    }
                    if (rowWeight != null) {
                        b.weight(tensor(dtype, rowWeight, N, 1));
                    }
                    Tensor loss = b.build().forward(tensor(dtype, x, N, C), tensor(dtype, y, N, C));
                    assertThat(loss.dtype()).isEqualTo(dtype);
                    assertLoss(loss, r, expected, N, C);
                }
            }
        }
    }

    @Test
    void defaultsAreTheUnweightedMean() {
        double[] x = Samples.floats(3, 8, -4, 4);
        double[] y = {0, 1, 1, 0, 0.5, 1, 0, 0.25};
        assertLoss(new BCEWithLogitsLoss().forward(Tensor.of(x, 8), Tensor.of(y, 8)), Reduction.MEAN, reference(x, y, null, null));
    }

    @Test
    void logitsOf1000DoNotOverflow() {
        Tensor x = Tensor.of(new float[] {1000, -1000, 1000, -1000, 0});
        Tensor y = Tensor.of(new float[] {0, 1, 1, 0, 1});
        assertTensor(BCEWithLogitsLoss.builder().reduction(Reduction.NONE).build().forward(x, y), new long[] {5},
                1000, 1000, 0, 0, Math.log(2));
        assertTensor(BCEWithLogitsLoss.builder().reduction(Reduction.NONE).posWeight(Tensor.of(new float[] {3})).build()
                .forward(x, y), new long[] {5}, 1000, 3000, 0, 0, 3 * Math.log(2));
    }

    @Test
    void aFullShapeWeightRescalesEachElement() {
        double[] x = Samples.floats(4, N * C, -3, 3);
        double[] y = Samples.floats(5, N * C, 0, 1);
        double[] w = Samples.floats(6, N * C, 0, 2);
        PerPosition plain = reference(x, y, null, null);
        double[] expected = plain.loss().clone();
        for (int i = 0; i < expected.length; i++) {
            expected[i] *= w[i];
        }
        assertTensor(BCEWithLogitsLoss.builder().reduction(Reduction.NONE).weight(Tensor.of(w, N, C)).build()
                .forward(Tensor.of(x, N, C), Tensor.of(y, N, C)), new long[] {N, C}, expected);
    }

    @Property(tries = 50)
    void lossIsNonNegativeAndMatchesTheReference(@ForAll @IntRange(min = 0, max = 1000) int seed,
                                                 @ForAll @DoubleRange(min = 0.01, max = 10) double posWeight,
                                                 @ForAll @DoubleRange(min = 1, max = 200) double scale) {
        double[] x = Samples.floats(seed, C, -scale, scale);
        double[] y = Samples.floats(seed + 1, C, 0, 1);
        double[] pw = {posWeight, posWeight, posWeight, posWeight};
        double[] loss = BCEWithLogitsLoss.builder().reduction(Reduction.NONE).posWeight(Tensor.of(new double[] {posWeight})).build()
                .forward(Tensor.of(x, C), Tensor.of(y, C)).toDoubleArray();
        for (double v : loss) {
            assertThat(v).isGreaterThanOrEqualTo(0);
        }
        assertClose(loss, reference(x, y, pw, null).loss(), 1e-12);
    }

    @Test
    void gradientsReachInputTargetAndPosWeight() {
        Tensor x = Tensor.of(Samples.floats(9, N * C, -6, 6), N, C);
        Tensor y = Tensor.of(Samples.floats(10, N * C, 0, 1), N, C);
        Tensor posWeight = Tensor.of(POS_WEIGHT.clone(), C);
        Tensor weight = Tensor.of(ROW_WEIGHT.clone(), N, 1);
        for (Reduction r : Reduction.values()) {
            GradCheck.check(in -> BCEWithLogitsLoss.builder().reduction(r).build().forward(in[0], in[1]), x, y);
            GradCheck.check(in -> BCEWithLogitsLoss.builder().reduction(r).posWeight(in[2]).weight(weight).build()
                    .forward(in[0], in[1]), x, y, posWeight);
        }
    }

    @Test
    void gradientIsSigmoidMinusTargetEvenAtZeroAndAt1000() {
        // without posWeight d/dx = σ(x) - y: the kinks of |x| and max(-x, 0) must not leak into it at x = 0
        Tensor x = Tensor.of(new double[] {0, 0, 1000, -1000, 1000, -1000}).requiresGrad(true);
        Tensor y = Tensor.of(new double[] {1, 0, 0, 1, 1, 0});
        BCEWithLogitsLoss.builder().reduction(Reduction.SUM).build().forward(x, y).backward();
        assertTensor(x.grad(), new long[] {6}, -0.5, 0.5, 1, -1, 0, 0);
        // with posWeight pw: d/dx = (1 - y) - (1 + (pw - 1)·y)·σ(-x)
        Tensor z = Tensor.of(new double[] {0, -1000}).requiresGrad(true);
        BCEWithLogitsLoss.builder().reduction(Reduction.SUM).posWeight(Tensor.of(new double[] {3})).build()
                .forward(z, Tensor.of(new double[] {1, 1})).backward();
        assertTensor(z.grad(), new long[] {2}, -1.5, -3);
    }

    @Test
    void forwardFreesItsIntermediates() {
        Tensor x = Samples.floatTensor(7, N, C);
        Tensor y = tensor(DType.FLOAT32, Samples.floats(8, N * C, 0, 1), N, C);
        for (Reduction r : Reduction.values()) {
            BCEWithLogitsLoss full = BCEWithLogitsLoss.builder().reduction(r)
                    .posWeight(Tensor.of(new float[] {1, 2, 3, 4})).weight(Tensor.of(new float[] {1, 2, 3}, N, 1)).build();
            assertFreesIntermediates(backend(), () -> full.forward(x, y));
            assertFreesIntermediates(backend(), () -> BCEWithLogitsLoss.builder().reduction(r).build().forward(x, y));
        }
    }

    @Test
    void badInputIsNamed() {
        Tensor x = Tensor.zeros(N, C);
        Tensor y = Tensor.zeros(N, C);
        BCEWithLogitsLoss bce = new BCEWithLogitsLoss();
        assertRejected(() -> bce.forward(x, Tensor.zeros(N)), "BCEWithLogitsLoss", "target", "[3]", "[3, 4]");
        assertRejected(() -> bce.forward(Tensor.zeros(DType.INT64, N, C), y), "BCEWithLogitsLoss", "input", "INT64");
        assertRejected(() -> bce.forward(x, Tensor.zeros(DType.INT64, N, C)), "BCEWithLogitsLoss", "target", "INT64");
        assertRejected(() -> BCEWithLogitsLoss.builder().posWeight(Tensor.ones(5)).build().forward(x, y),
                "BCEWithLogitsLoss", "posWeight", "[5]", "[3, 4]");
        assertRejected(() -> BCEWithLogitsLoss.builder().weight(Tensor.ones(N)).build().forward(x, y),
                "BCEWithLogitsLoss", "weight", "[3]", "[3, 4]");
        assertRejected(() -> BCEWithLogitsLoss.builder().weight(Tensor.ones(2, N, C)).build().forward(x, y),
                "BCEWithLogitsLoss", "weight", "[2, 3, 4]");
        assertRejected(() -> BCEWithLogitsLoss.builder().posWeight(Tensor.ones(DType.INT64, C)).build(),
                "BCEWithLogitsLoss", "posWeight", "INT64");
    }
}
