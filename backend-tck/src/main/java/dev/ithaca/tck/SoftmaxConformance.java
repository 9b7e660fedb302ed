package dev.ithaca.tck;

import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.ithaca.tck.Approx.assertTensor;
import static dev.ithaca.tck.Approx.assertValues;
import static dev.ithaca.tck.Samples.floats;
import static dev.ithaca.tck.Samples.tensor;
import static org.assertj.core.api.Assertions.assertThat;

/** softmax and logSoftmax along every dim, against exp(x - logsumexp(x)), including logits that overflow exp. */
public abstract class SoftmaxConformance extends BackendConformanceTest {
    private static final long[] SHAPE = {3, 4, 5};

    @ParameterizedTest(name = "dim {0} {1}")
    @CsvSource({"0,FLOAT32", "1,FLOAT32", "2,FLOAT32", "-1,FLOAT32", "0,FLOAT64", "1,FLOAT64", "2,FLOAT64", "-2,FLOAT64"})
    void softmaxAndLogSoftmaxMatchTheReferenceAlongEveryDim(int dim, DType dtype) {
        double[] x = floats(1, 60, -6, 6);
        int d = dim < 0 ? dim + 3 : dim;
        Tensor t = tensor(dtype, x, SHAPE);
        Tensor p = t.softmax(dim);
        assertThat(p.dtype()).isEqualTo(dtype);
        assertTensor(p, SHAPE, Reference.softmax(x, SHAPE, d, false));
        assertTensor(t.logSoftmax(dim), SHAPE, Reference.softmax(x, SHAPE, d, true));
        assertValues(p.sum(d), Reference.map(new double[60 / (int) SHAPE[d]], v -> 1));
    }

    @Test
    void hugeLogitsDoNotOverflow() {
        assertValues(Tensor.of(new float[] {1000, 1001, 1002}).softmax(0), Reference.softmax(new double[] {0, 1, 2}, new long[] {3}, 0, false));
        assertValues(Tensor.of(new float[] {1e4f, 0}).softmax(0), 1, 0);
        assertValues(Tensor.of(new float[] {1e4f, 0}).logSoftmax(0), 0, -1e4);
        assertValues(Tensor.of(new double[] {-1000, 0}).logSoftmax(0), -1000, 0);
        assertValues(Tensor.of(new double[] {-1000, -1000}).softmax(0), 0.5, 0.5);
    }

    @Test
    void negativeInfinityLogitsGetZeroProbability() {
        // how attention masks work: -inf entries drop out, the rest renormalise
        Tensor masked = Tensor.of(new float[] {0, Float.NEGATIVE_INFINITY, 0});
        assertValues(masked.softmax(0), 0.5, 0, 0.5);
        assertValues(masked.logSoftmax(0), -Math.log(2), Double.NEGATIVE_INFINITY, -Math.log(2));
    }

    @Test
    void stridedInputsAreReadThroughTheirStrides() {
        double[] x = floats(2, 60, -6, 6);
        Tensor t = tensor(DType.FLOAT32, x, SHAPE).permute(2, 0, 1);
        double[] p = Reference.permute(x, SHAPE, 2, 0, 1);
        long[] pShape = {5, 3, 4};
        assertTensor(t.softmax(0), pShape, Reference.softmax(p, pShape, 0, false));
        assertTensor(t.logSoftmax(2), pShape, Reference.softmax(p, pShape, 2, true));
    }

    @Test
    void zeroDimAndEmptyInputs() {
        assertTensor(Tensor.scalar(3).softmax(0), new long[0], 1);
        assertTensor(Tensor.scalar(3).logSoftmax(-1), new long[0], 0);
        assertThat(Tensor.zeros(0, 3).softmax(1).shape()).containsExactly(0, 3);
        assertThat(Tensor.zeros(2, 0).logSoftmax(1).shape()).containsExactly(2, 0);
    }

    @Test
    void longRowsAndManyRowsCrossTheParallelThreshold() {
        double[] x = floats(3, 120_000, -6, 6);
        long[] wide = {3, 40_000};
        long[] tall = {40_000, 3};
        assertTensor(tensor(DType.FLOAT32, x, wide).softmax(1), wide, Reference.softmax(x, wide, 1, false));
        assertTensor(tensor(DType.FLOAT32, x, tall).logSoftmax(0), tall, Reference.softmax(x, tall, 0, true));
        assertTensor(tensor(DType.FLOAT64, x, tall).softmax(1), tall, Reference.softmax(x, tall, 1, false));
    }
}
