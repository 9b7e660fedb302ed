package dev.ithaca.tck.loss;

import dev.ithaca.nn.loss.CrossEntropyLoss;
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
import static dev.ithaca.tck.loss.LossAssertions.classIndices;
import static dev.ithaca.tck.loss.LossAssertions.probabilities;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

/**
 * CrossEntropyLoss against PyTorch's documented formulas computed in plain Java: class indices and
 * class probabilities, every reduction, class weights, the ignore index, label smoothing, spatial
 * and unbatched inputs, logits that overflow a naive exp, finite-difference gradients, and bad input.
 */
public abstract class CrossEntropyLossConformance extends BackendConformanceTest {
    private static final int N = 4;
    private static final int C = 5;
    private static final double[] CLASS_WEIGHT = {0.5, 2, 1, 0.25, 3};

    private static CrossEntropyLoss.Builder loss(Reduction reduction) {
        return CrossEntropyLoss.builder().reduction(reduction);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void classIndicesMatchTheReferenceForEveryReduction(DType dtype) {
        double[] x = Samples.floats(1, N * C, -4, 4);
        long[] y = classIndices(2, N, C);
        PerPosition expected = LossReference.crossEntropy(x, N, C, 1, y, null, -100, 0);
        for (Reduction r : Reduction.values()) {
            Tensor loss = loss(r).build().forward(tensor(dtype, x, N, C), Tensor.of(y, N));
            assertThat(loss.dtype()).isEqualTo(dtype);
            assertLoss(loss, r, expected, N);
        }
    }

    @Test
    void defaultsAreTheUnweightedMeanWithIgnoreIndexMinus100() {
        double[] x = Samples.floats(3, N * C, -4, 4);
        long[] y = {1, -100, 4, 0};
        Tensor loss = new CrossEntropyLoss().forward(tensor(DType.FLOAT32, x, N, C), Tensor.of(y, N));
        assertLoss(loss, Reduction.MEAN, LossReference.crossEntropy(x, N, C, 1, y, null, -100, 0));
        assertThat(new CrossEntropyLoss().toString()).contains("MEAN", "-100");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void spatialInputsCarryTheClassesInDimOne(DType dtype) {
        int n = 2;
        int c = 3;
        double[] x = Samples.floats(4, n * c * 6, -3, 3);
        long[] y = classIndices(5, n * 6, c);
        y[4] = -100;
        PerPosition expected = LossReference.crossEntropy(x, n, c, 6, y, null, -100, 0);
        for (Reduction r : Reduction.values()) {
            Tensor loss = loss(r).build().forward(tensor(dtype, x, n, c, 2, 3), Tensor.of(y, n, 2, 3));
            assertLoss(loss, r, expected, n, 2, 3);
        }
    }

    @Test
    void classWeightsAndIgnoredTargetsFollowPyTorchsWeightedMean() {
        double[] x = Samples.floats(6, 6 * C, -4, 4);
        long[] y = {3, -100, 1, 4, -100, 0};
        Tensor weight = Tensor.of(CLASS_WEIGHT);
        PerPosition expected = LossReference.crossEntropy(x, 6, C, 1, y, CLASS_WEIGHT, -100, 0);
        for (Reduction r : Reduction.values()) {
            Tensor loss = loss(r).weight(weight).build().forward(tensor(DType.FLOAT64, x, 6, C), Tensor.of(y, 6));
            assertLoss(loss, r, expected, 6);
        }
        // the mean divides by the summed weights of the counted targets (w[3] + w[1] + w[4] + w[0])
        double sum = LossReference.sum(expected.loss());
        assertTensor(loss(Reduction.MEAN).weight(weight).build().forward(tensor(DType.FLOAT64, x, 6, C), Tensor.of(y, 6)),
                new long[0], sum / (0.25 + 2 + 3 + 0.5));
    }

    @Test
    void anIgnoreIndexThatIsAValidClassDropsThatClass() {
        double[] x = Samples.floats(7, N * C, -4, 4);
        long[] y = {2, 2, 1, 0};
        for (Reduction r : Reduction.values()) {
            Tensor loss = loss(r).ignoreIndex(2).weight(Tensor.of(CLASS_WEIGHT)).build()
                    .forward(tensor(DType.FLOAT64, x, N, C), Tensor.of(y, N));
            assertLoss(loss, r, LossReference.crossEntropy(x, N, C, 1, y, CLASS_WEIGHT, 2, 0), N);
        }
    }

    @Test
    void ignoredPositionsContributeNothingEvenWithInfiniteLogits() {
        double inf = Double.NEGATIVE_INFINITY;
        Tensor logits = Tensor.of(new double[] {inf, 0, 1, 2}, 2, 2);
        Tensor loss = loss(Reduction.NONE).build().forward(logits, Tensor.of(new long[] {-100, 1}, 2));
        assertTensor(loss, new long[] {2}, 0, Math.log1p(Math.exp(-1)));
    }

    @Test
    void whenEveryTargetIsIgnoredTheMeanIsNaNAndTheSumZero() {
        Tensor logits = Samples.floatTensor(8, 3, C);
        Tensor targets = Tensor.of(new long[] {-100, -100, -100}, 3);
        assertThat(loss(Reduction.MEAN).build().forward(logits, targets).item()).isNaN();
        assertTensor(loss(Reduction.SUM).build().forward(logits, targets), new long[0], 0);
        assertTensor(loss(Reduction.NONE).build().forward(logits, targets), new long[] {3}, 0, 0, 0);
    }

    @Test
    void anEmptyBatchSumsToZeroAndAveragesToNaN() {
        Tensor logits = Tensor.zeros(0, C);
        Tensor targets = Tensor.zeros(DType.INT64, 0);
        CrossEntropyLoss.Builder b = CrossEntropyLoss.builder().weight(Tensor.of(CLASS_WEIGHT)).labelSmoothing(0.1);
        assertThat(b.reduction(Reduction.MEAN).build().forward(logits, targets).item()).isNaN();
        assertTensor(b.reduction(Reduction.SUM).build().forward(logits, targets), new long[0], 0);
        assertThat(b.reduction(Reduction.NONE).build().forward(logits, targets).shape()).containsExactly(0);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void labelSmoothingMixesInTheUniformDistribution(DType dtype) {
        double[] x = Samples.floats(9, 6 * C, -4, 4);
        long[] y = {3, -100, 1, 4, 2, 0};
        for (double eps : new double[] {0.1, 0.5, 1.0}) {
            for (double[] classWeight : new double[][] {null, CLASS_WEIGHT}) {
                PerPosition expected = LossReference.crossEntropy(x, 6, C, 1, y, classWeight, -100, eps);
                for (Reduction r : Reduction.values()) {
                    CrossEntropyLoss.Builder b = loss(r).labelSmoothing(eps);
                    if (classWeight != null) {
                        b.weight(Tensor.of(classWeight));
                    }
                    assertLoss(b.build().forward(tensor(dtype, x, 6, C), Tensor.of(y, 6)), r, expected, 6);
                }
            }
        }
    }

    @Test
    void labelSmoothingOnSpatialInputs() {
        double[] x = Samples.floats(10, 2 * 3 * 4, -3, 3);
        long[] y = {0, 2, -100, 1, 1, 0, 2, 2};
        for (Reduction r : Reduction.values()) {
            Tensor loss = loss(r).labelSmoothing(0.2).weight(Tensor.of(new double[] {1, 0.5, 2})).build()
                    .forward(tensor(DType.FLOAT64, x, 2, 3, 4), Tensor.of(y, 2, 4));
            assertLoss(loss, r, LossReference.crossEntropy(x, 2, 3, 4, y, new double[] {1, 0.5, 2}, -100, 0.2), 2, 4);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void classProbabilitiesWithSmoothingAndWeights(DType dtype) {
        double[] x = Samples.floats(11, N * C * 2, -4, 4);
        double[] p = probabilities(12, N, C, 2);
        for (double eps : new double[] {0, 0.3}) {
            for (double[] classWeight : new double[][] {null, CLASS_WEIGHT}) {
                // MEAN divides by the number of positions, with or without weights
                PerPosition expected = LossReference.crossEntropyOfProbabilities(x, N, C, 2, p, classWeight, eps);
                for (Reduction r : Reduction.values()) {
                    CrossEntropyLoss.Builder b = loss(r).labelSmoothing(eps);
                    if (classWeight != null) {
                        b.weight(Tensor.of(classWeight));
                    }
                    Tensor loss = b.build().forward(tensor(dtype, x, N, C, 2), tensor(dtype, p, N, C, 2));
                    assertLoss(loss, r, expected, N, 2);
                }
            }
        }
    }

    @Test
    void logitsOf1000DoNotOverflow() {
        Tensor logits = Tensor.of(new float[] {1000, 0, -1000, 1000, 1000, 1000, -1000, 0, 1000}, 3, 3);
        Tensor targets = Tensor.of(new long[] {0, 1, 0}, 3);
        assertTensor(loss(Reduction.NONE).build().forward(logits, targets), new long[] {3}, 0, Math.log(3), 2000);
        // smoothing adds ε/C · Σ_k -log p_k = 0.1/3 · (0 + 1000 + 2000) to the first row
        Tensor smoothed = loss(Reduction.NONE).labelSmoothing(0.1).build().forward(logits, targets);
        assertThat(smoothed.toDoubleArray()[0]).isCloseTo(100, offset(1e-3));
        Tensor halfAndHalf = Tensor.of(new float[] {0.5f, 0.5f, 0}, 1, 3);
        assertTensor(loss(Reduction.SUM).build().forward(logits.narrow(0, 0, 1), halfAndHalf), new long[0], 500);
    }

    @Test
    void unbatchedInputTakesAZeroDimTarget() {
        double[] x = Samples.floats(13, C, -4, 4);
        long[] y = {3};
        PerPosition expected = LossReference.crossEntropy(x, 1, C, 1, y, CLASS_WEIGHT, -100, 0.1);
        for (Reduction r : Reduction.values()) {
            Tensor loss = loss(r).weight(Tensor.of(CLASS_WEIGHT)).labelSmoothing(0.1).build()
                    .forward(Tensor.of(x.clone(), C), Tensor.of(y).reshape());
            assertLoss(loss, r, expected);
        }
        double[] p = probabilities(14, 1, C, 1);
        assertTensor(loss(Reduction.NONE).build().forward(Tensor.of(x.clone(), C), Tensor.of(p.clone(), C)),
                new long[0], LossReference.crossEntropyOfProbabilities(x, 1, C, 1, p, null, 0).loss());
    }

    @Test
    void int32TargetsWorkLikeInt64() {
        Tensor logits = Samples.floatTensor(15, N, C);
        Tensor a = new CrossEntropyLoss().forward(logits, Tensor.of(new long[] {0, 4, 2, 1}, N));
        Tensor b = new CrossEntropyLoss().forward(logits, Tensor.of(new int[] {0, 4, 2, 1}, N));
        assertThat(b.item()).isEqualTo(a.item());
    }

    @Test
    void forwardFreesItsIntermediates() {
        Tensor logits = Samples.floatTensor(16, N, C, 3);
        Tensor indices = Tensor.of(new long[] {0, 1, 2, 3, 4, -100, 0, 1, 2, 3, 4, 0}, N, 3);
        Tensor probs = tensor(DType.FLOAT32, probabilities(17, N, C, 3), N, C, 3);
        Tensor weight = Tensor.of(new float[] {1, 2, 3, 4, 5});
        for (Reduction r : Reduction.values()) {
            CrossEntropyLoss full = loss(r).weight(weight).labelSmoothing(0.1).build();
            assertFreesIntermediates(backend(), () -> full.forward(logits, indices));
            assertFreesIntermediates(backend(), () -> full.forward(logits, probs));
        }
    }

    @Test
    void gradientsOfClassIndexTargetsForEveryOption() {
        Tensor logits = Tensor.of(Samples.floats(20, 6 * C, -3, 3), 6, C);
        Tensor targets = Tensor.of(new long[] {3, -100, 1, 4, 2, 0}, 6);
        for (Reduction r : Reduction.values()) {
            for (double eps : new double[] {0, 0.2}) {
                for (double[] classWeight : new double[][] {null, CLASS_WEIGHT}) {
                    CrossEntropyLoss.Builder b = loss(r).labelSmoothing(eps);
                    if (classWeight != null) {
                        b.weight(Tensor.of(classWeight));
                    }
                    CrossEntropyLoss ce = b.build();
                    GradCheck.check(in -> ce.forward(in[0], targets), logits);
                }
            }
        }
    }

    @Test
    void gradientsOfSpatialAndUnbatchedInputs() {
        Tensor spatial = Tensor.of(Samples.floats(21, 2 * 3 * 4, -3, 3), 2, 3, 4);
        Tensor spatialTargets = Tensor.of(new long[] {0, 2, -100, 1, 1, 0, 2, 2}, 2, 4);
        Tensor unbatched = Tensor.of(Samples.floats(22, C, -3, 3), C);
        Tensor unbatchedTarget = Tensor.of(new long[] {2}).reshape();
        for (Reduction r : Reduction.values()) {
            CrossEntropyLoss ce = loss(r).labelSmoothing(0.1).weight(Tensor.of(new double[] {1, 0.5, 2})).build();
            GradCheck.check(in -> ce.forward(in[0], spatialTargets), spatial);
            GradCheck.check(in -> loss(r).build().forward(in[0], unbatchedTarget), unbatched);
        }
    }

    @Test
    void gradientsOfProbabilityTargetsReachLogitsAndTargets() {
        Tensor logits = Tensor.of(Samples.floats(23, N * C * 2, -3, 3), N, C, 2);
        Tensor probs = Tensor.of(probabilities(24, N, C, 2), N, C, 2);
        for (Reduction r : Reduction.values()) {
            CrossEntropyLoss ce = loss(r).labelSmoothing(0.3).weight(Tensor.of(CLASS_WEIGHT)).build();
            GradCheck.check(in -> ce.forward(in[0], in[1]), logits, probs);
            GradCheck.check(in -> loss(r).build().forward(in[0], in[1]), logits, probs);
        }
    }

    @Test
    void gradientsStayFiniteForLogitsOf1000AndIgnoredInfiniteLogits() {
        // d loss / d logits = softmax - one-hot, exactly representable here
        Tensor logits = Tensor.of(new float[] {1000, 0, -1000, 1000, 0, -1000}, 2, 3).requiresGrad(true);
        loss(Reduction.SUM).build().forward(logits, Tensor.of(new long[] {0, 2}, 2)).backward();
        assertTensor(logits.grad(), new long[] {2, 3}, 0, 0, 0, 1, 0, -1);
        Tensor masked = Tensor.of(new double[] {Double.NEGATIVE_INFINITY, 0, 1, 2}, 2, 2).requiresGrad(true);
        loss(Reduction.SUM).build().forward(masked, Tensor.of(new long[] {-100, 1}, 2)).backward();
        double p = 1 / (1 + Math.exp(-1));
        assertTensor(masked.grad(), new long[] {2, 2}, 0, 0, 1 - p, p - 1);
    }

    @Property(tries = 40)
    void oneHotProbabilitiesGiveTheSameLossAsClassIndices(@ForAll @IntRange(min = 1, max = 6) int n,
                                                          @ForAll @IntRange(min = 1, max = 6) int c,
                                                          @ForAll @IntRange(min = 0, max = 1000) int seed,
                                                          @ForAll @DoubleRange(min = 0, max = 1) double eps,
                                                          @ForAll boolean weighted) {
        double[] x = Samples.floats(seed, n * c, -10, 10);
        long[] y = classIndices(seed + 1, n, c);
        double[] oneHot = new double[n * c];
        for (int i = 0; i < n; i++) {
            oneHot[i * c + (int) y[i]] = 1;
        }
        CrossEntropyLoss.Builder b = loss(Reduction.NONE).labelSmoothing(eps);
        if (weighted) {
            b.weight(tensor(DType.FLOAT64, Samples.floats(seed + 2, c, 0.1, 3), c));
        }
        CrossEntropyLoss ce = b.build();
        Tensor logits = Tensor.of(x, n, c);
        double[] fromIndices = ce.forward(logits, Tensor.of(y, n)).toDoubleArray();
        double[] fromProbabilities = ce.forward(logits, Tensor.of(oneHot, n, c)).toDoubleArray();
        assertClose(fromProbabilities, fromIndices, 1e-12);
    }

    @Property(tries = 40)
    void lossIsNonNegativeAndUnchangedByShiftingTheLogits(@ForAll @IntRange(min = 1, max = 6) int n,
                                                             @ForAll @IntRange(min = 1, max = 6) int c,
                                                             @ForAll @IntRange(min = 0, max = 1000) int seed,
                                                             @ForAll @DoubleRange(min = -500, max = 500) double shift) {
        Tensor logits = Tensor.of(Samples.floats(seed, n * c, -20, 20), n, c);
        Tensor targets = Tensor.of(classIndices(seed + 1, n, c), n);
        CrossEntropyLoss ce = loss(Reduction.NONE).build();
        double[] loss = ce.forward(logits, targets).toDoubleArray();
        for (double v : loss) {
            assertThat(v).isGreaterThanOrEqualTo(0);
        }
        assertClose(ce.forward(logits.add(shift), targets).toDoubleArray(), loss, 1e-9);
    }

    @Test
    void shapeMismatchesNameBothShapes() {
        CrossEntropyLoss ce = new CrossEntropyLoss();
        assertRejected(() -> ce.forward(Tensor.zeros(4, 5), Tensor.of(new long[] {0, 1, 2}, 3)),
                "CrossEntropyLoss", "[3]", "[4, 5]", "[4]");
        assertRejected(() -> ce.forward(Tensor.zeros(2, 3, 4), Tensor.zeros(DType.INT64, 2, 5)),
                "CrossEntropyLoss", "[2, 5]", "[2, 3, 4]", "[2, 4]");
        assertRejected(() -> ce.forward(Tensor.zeros(4, 5), Tensor.zeros(4)),
                "CrossEntropyLoss", "probabilit", "[4]", "[4, 5]", "INT64");
        assertRejected(() -> ce.forward(Tensor.zeros(5), Tensor.zeros(DType.INT64, 1)),
                "CrossEntropyLoss", "[1]", "[5]", "[]");
        assertRejected(() -> ce.forward(Tensor.scalar(1), Tensor.zeros(DType.INT64)),
                "CrossEntropyLoss", "input", "0-dimensional");
    }

    @Test
    void wrongDtypesNameTheArgumentAndTheDtype() {
        CrossEntropyLoss ce = new CrossEntropyLoss();
        assertRejected(() -> ce.forward(Tensor.zeros(DType.INT64, 4, 5), Tensor.zeros(DType.INT64, 4)),
                "CrossEntropyLoss", "input", "INT64");
        assertRejected(() -> ce.forward(Tensor.zeros(4, 5), Tensor.zeros(DType.BOOL, 4)),
                "CrossEntropyLoss", "target", "BOOL");
        assertRejected(() -> CrossEntropyLoss.builder().weight(Tensor.ones(DType.INT32, 5)).build(),
                "CrossEntropyLoss", "weight", "INT32");
        assertRejected(() -> CrossEntropyLoss.builder().weight(Tensor.ones(5, 1)).build(),
                "CrossEntropyLoss", "weight", "[5, 1]");
    }

    @Test
    void classIndicesOutOfRangeAreNamed() {
        Tensor logits = Tensor.zeros(3, C);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        assertRejected(() -> ce.forward(logits, Tensor.of(new long[] {0, 5, 1}, 3)), "CrossEntropyLoss", "5", "out of range", "5 classes");
        assertRejected(() -> ce.forward(logits, Tensor.of(new long[] {0, -1, 1}, 3)), "CrossEntropyLoss", "-1", "out of range");
        assertRejected(() -> loss(Reduction.MEAN).ignoreIndex(0).build().forward(logits, Tensor.of(new long[] {0, -100, 1}, 3)),
                "CrossEntropyLoss", "-100", "ignoreIndex 0");
    }

    @Test
    void weightOfTheWrongLengthIsNamed() {
        CrossEntropyLoss ce = CrossEntropyLoss.builder().weight(Tensor.ones(3)).build();
        assertRejected(() -> ce.forward(Tensor.zeros(2, C), Tensor.of(new long[] {0, 1}, 2)), "CrossEntropyLoss", "weight", "3", "5 classes");
    }

    @Test
    void labelSmoothingOutsideZeroToOneIsNamed() {
        for (double bad : new double[] {-0.1, 1.5, Double.NaN}) {
            assertRejected(() -> CrossEntropyLoss.builder().labelSmoothing(bad).build(),
                    "CrossEntropyLoss", "labelSmoothing", String.valueOf(bad));
        }
        assertThatThrownBy(() -> CrossEntropyLoss.builder().reduction(null).build())
                .isInstanceOf(NullPointerException.class).hasMessageContainingAll("CrossEntropyLoss", "reduction");
    }
}
