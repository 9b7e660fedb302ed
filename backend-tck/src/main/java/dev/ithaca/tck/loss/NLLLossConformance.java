package dev.ithaca.tck.loss;

import dev.ithaca.nn.loss.NLLLoss;
import dev.ithaca.nn.loss.Reduction;
import dev.ithaca.tck.BackendConformanceTest;
import dev.ithaca.tck.GradCheck;
import dev.ithaca.tck.Samples;
import dev.ithaca.tck.loss.LossReference.PerPosition;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.ithaca.tck.Approx.assertTensor;
import static dev.ithaca.tck.Samples.tensor;
import static dev.ithaca.tck.loss.LossAssertions.assertFreesIntermediates;
import static dev.ithaca.tck.loss.LossAssertions.assertLoss;
import static dev.ithaca.tck.loss.LossAssertions.assertRejected;
import static dev.ithaca.tck.loss.LossAssertions.classIndices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * NLLLoss of log-probabilities against {@code -weight[y]·input[y]} in plain Java: every reduction
 * and option, and its gradients.
 */
public abstract class NLLLossConformance extends BackendConformanceTest {
    private static final int N = 6;
    private static final int C = 4;
    private static final double[] CLASS_WEIGHT = {2, 0.5, 1.5, 0.1};

    private static NLLLoss.Builder loss(Reduction reduction) {
        return NLLLoss.builder().reduction(reduction);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void logProbabilitiesMatchTheReferenceForEveryReduction(DType dtype) {
        double[] logp = LossReference.logSoftmax(Samples.floats(1, N * C, -3, 3), N, C, 1);
        long[] y = classIndices(2, N, C);
        PerPosition expected = LossReference.nll(logp, N, C, 1, y, null, -100);
        for (Reduction r : Reduction.values()) {
            Tensor loss = loss(r).build().forward(tensor(dtype, logp, N, C), Tensor.of(y, N));
            assertThat(loss.dtype()).isEqualTo(dtype);
            assertLoss(loss, r, expected, N);
        }
        assertLoss(new NLLLoss().forward(tensor(dtype, logp, N, C), Tensor.of(y, N)), Reduction.MEAN, expected);
    }

    @Test
    void inputsNeedNotBeNormalised() {
        // NLLLoss only picks -input[y]: arbitrary scores are taken as they are
        Tensor scores = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertTensor(loss(Reduction.NONE).build().forward(scores, Tensor.of(new long[] {2, 0}, 2)), new long[] {2}, -3, -4);
    }

    @Test
    void weightsAndIgnoreIndexOnSpatialInputs() {
        double[] logp = LossReference.logSoftmax(Samples.floats(3, 2 * C * 5, -3, 3), 2, C, 5);
        long[] y = classIndices(4, 10, C);
        y[1] = 3;
        y[7] = 3;
        for (long ignore : new long[] {-100, 3}) {
            PerPosition expected = LossReference.nll(logp, 2, C, 5, y, CLASS_WEIGHT, ignore);
            for (Reduction r : Reduction.values()) {
                Tensor loss = loss(r).weight(Tensor.of(CLASS_WEIGHT)).ignoreIndex(ignore).build()
                        .forward(Tensor.of(logp, 2, C, 5), Tensor.of(y, 2, 5));
                assertLoss(loss, r, expected, 2, 5);
            }
        }
    }

    @Test
    void unbatchedInputTakesAZeroDimTarget() {
        Tensor logp = Tensor.of(new double[] {-0.5, -1.5, -2.5});
        assertTensor(loss(Reduction.NONE).build().forward(logp, Tensor.of(new long[] {1}).reshape()), new long[0], 1.5);
        assertTensor(loss(Reduction.MEAN).weight(Tensor.of(new double[] {1, 4, 1})).build()
                .forward(logp, Tensor.of(new long[] {1}).reshape()), new long[0], 1.5);
    }

    @Test
    void gradientsWithWeightsAndIgnoredTargets() {
        Tensor logp = Tensor.of(LossReference.logSoftmax(Samples.floats(6, 2 * C * 3, -3, 3), 2, C, 3), 2, C, 3);
        Tensor targets = Tensor.of(new long[] {0, 3, -100, 2, 1, 3}, 2, 3);
        Tensor classThreeIgnored = Tensor.of(new long[] {0, 3, 1, 2, 1, 3}, 2, 3);
        for (Reduction r : Reduction.values()) {
            NLLLoss weighted = loss(r).weight(Tensor.of(CLASS_WEIGHT)).build();
            GradCheck.check(in -> weighted.forward(in[0], targets), logp);
            GradCheck.check(in -> loss(r).ignoreIndex(3).build().forward(in[0], classThreeIgnored), logp);
        }
    }

    @Test
    void forwardFreesItsIntermediates() {
        Tensor logp = Samples.floatTensor(5, N, C);
        Tensor targets = Tensor.of(new long[] {0, 1, -100, 3, 2, 1}, N);
        for (Reduction r : Reduction.values()) {
            NLLLoss nll = loss(r).weight(Tensor.of(new float[] {1, 2, 3, 4})).build();
            assertFreesIntermediates(backend(), () -> nll.forward(logp, targets));
        }
    }

    @Test
    void badInputIsNamed() {
        NLLLoss nll = new NLLLoss();
        Tensor logp = Tensor.zeros(N, C);
        assertRejected(() -> nll.forward(logp, Tensor.zeros(N)), "NLLLoss", "target", "FLOAT32", "INT64");
        assertRejected(() -> nll.forward(Tensor.zeros(DType.INT32, N, C), Tensor.zeros(DType.INT64, N)), "NLLLoss", "input", "INT32");
        assertRejected(() -> nll.forward(logp, Tensor.zeros(DType.INT64, N + 1)), "NLLLoss", "[7]", "[6, 4]", "[6]");
        Tensor outOfRange = Tensor.of(new long[] {1, 4, 0, 0, 0, 0}, N);
        assertRejected(() -> nll.forward(logp, outOfRange), "NLLLoss", "4", "out of range", "4 classes");
        NLLLoss fiveWeights = NLLLoss.builder().weight(Tensor.ones(5)).build();
        assertRejected(() -> fiveWeights.forward(logp, Tensor.zeros(DType.INT64, N)), "NLLLoss", "weight", "5", "4 classes");
    }
}
