package dev.ithaca.tck;

import dev.ithaca.spi.ReduceOp;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static dev.ithaca.tck.Approx.assertTensor;
import static dev.ithaca.tck.Approx.assertValues;
import static dev.ithaca.tck.Samples.floats;
import static dev.ithaca.tck.Samples.integers;
import static dev.ithaca.tck.Samples.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** sum, mean, prod, max, min, var, argmax and argmin over any dims, against direct loops. */
public abstract class ReductionConformance extends BackendConformanceTest {
    private static final long[] SHAPE = {3, 4, 5};
    private static final int LARGE = Samples.LARGE;

    static Tensor reduce(ReduceOp op, Tensor x, int[] dims, boolean keepDim) {
        return switch (op) {
            case SUM -> x.sum(dims, keepDim);
            case MEAN -> x.mean(dims, keepDim);
            case MAX -> x.max(dims, keepDim);
            case MIN -> x.min(dims, keepDim);
            case PROD -> {
                // prod has no multi-dim overload (as in PyTorch): fold the dims one by one, highest first
                Tensor result = x.alias();
                int[] sorted = Arrays.stream(dims).map(d -> d < 0 ? d + x.dim() : d).sorted().toArray();
                for (int i = sorted.length - 1; i >= 0; i--) {
                    result = result.prod(sorted[i], keepDim);
                }
                yield result;
            }
        };
    }

    /** The reference: fold with the op's identity, then divide for the mean. */
    static double[] reference(ReduceOp op, double[] x, long[] shape, int[] dims) {
        return switch (op) {
            case SUM -> Reference.sum(x, shape, dims);
            case MEAN -> {
                double[] sums = Reference.sum(x, shape, dims);
                double count = (double) Reference.numel(shape) / sums.length;
                yield Reference.map(sums, s -> s / count);
            }
            case PROD -> Reference.reduce(x, shape, dims, 1, (a, b) -> a * b);
            case MAX -> Reference.reduce(x, shape, dims, Double.NEGATIVE_INFINITY, Math::max);
            case MIN -> Reference.reduce(x, shape, dims, Double.POSITIVE_INFINITY, Math::min);
        };
    }

    static Stream<Arguments> opsDimsAndKeepDim() {
        int[][] dimSets = {{0}, {1}, {2}, {-1}, {0, 2}, {1, 2}, {2, 0}, {0, 1, 2}};
        return Arrays.stream(ReduceOp.values()).flatMap(op -> Arrays.stream(dimSets)
                .flatMap(dims -> Stream.of(true, false).map(keep -> Arguments.of(op, dims, keep))));
    }

    @ParameterizedTest(name = "{0} over {1} keepDim={2}")
    @MethodSource("opsDimsAndKeepDim")
    void reductionMatchesADirectLoop(ReduceOp op, int[] dims, boolean keepDim) {
        // prod over up to 60 values stays well inside float range for inputs in [0.5, 1.5)
        double[] x = op == ReduceOp.PROD ? floats(20, 60, 0.5, 1.5) : floats(20, 60, -4, 4);
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor out = reduce(op, tensor(dtype, x, SHAPE), dims, keepDim);
            assertThat(out.dtype()).isEqualTo(dtype);
            assertTensor(out, Reference.reducedShape(SHAPE, normalized(dims), keepDim), reference(op, x, SHAPE, normalized(dims)));
        }
    }

    @Test
    void noDimsMeansEveryDim() {
        double[] x = floats(21, 60, -4, 4);
        Tensor t = tensor(DType.FLOAT64, x, SHAPE);
        int[] all = {0, 1, 2};
        assertTensor(t.sum(), new long[0], Reference.sum(x, SHAPE, all));
        assertTensor(t.sum(new int[0], true), new long[] {1, 1, 1}, Reference.sum(x, SHAPE, all));
        assertTensor(t.mean(), new long[0], reference(ReduceOp.MEAN, x, SHAPE, all));
        assertTensor(t.max(), new long[0], reference(ReduceOp.MAX, x, SHAPE, all));
        assertTensor(t.min(), new long[0], reference(ReduceOp.MIN, x, SHAPE, all));
    }

    @Test
    void reductionsReadStridedInputs() {
        double[] x = floats(22, 60, -4, 4);
        Tensor permuted = tensor(DType.FLOAT32, x, SHAPE).permute(2, 0, 1);
        double[] p = Reference.permute(x, SHAPE, 2, 0, 1);
        long[] pShape = {5, 3, 4};
        assertTensor(permuted.sum(new int[] {0, 2}, false), new long[] {3}, Reference.sum(p, pShape, 0, 2));
        assertTensor(permuted.max(1, true), new long[] {5, 1, 4}, reference(ReduceOp.MAX, p, pShape, new int[] {1}));
        Tensor expanded = Tensor.of(new float[] {1, 2, 3}, 3, 1).expand(3, 4);
        assertTensor(expanded.sum(1), new long[] {3}, 4, 8, 12);
    }

    @Test
    void reductionsOfAZeroDimTensorReturnIt() {
        Tensor s = Tensor.scalar(2.5);
        assertTensor(s.sum(), new long[0], 2.5);
        assertTensor(s.sum(0), new long[0], 2.5);
        assertTensor(s.max(), new long[0], 2.5);
        assertThat(s.argmax().toLongArray()).containsExactly(0);
    }

    @Test
    void varianceUsesTheRequestedCorrection() {
        double[] x = floats(23, 60, -4, 4);
        Tensor t = tensor(DType.FLOAT64, x, SHAPE);
        int[] all = {0, 1, 2};
        assertTensor(t.var(), new long[0], Reference.variance(x, SHAPE, all, 1));
        assertTensor(t.var(1, true), new long[] {3, 1, 5}, Reference.variance(x, SHAPE, new int[] {1}, 1));
        assertTensor(t.var(new int[] {0, 2}, 0, false), new long[] {4}, Reference.variance(x, SHAPE, new int[] {0, 2}, 0));
        assertTensor(tensor(DType.FLOAT32, x, SHAPE).var(new int[] {2}, 1, false), new long[] {3, 4},
                Reference.variance(x, SHAPE, new int[] {2}, 1));
    }

    @Test
    void unbiasedVarianceOfOneValueIsNan() {
        assertValues(Tensor.of(new float[] {3}).var(), Double.NaN);
        assertValues(Tensor.of(new float[] {3}).var(new int[0], 0, false), 0);
    }

    @Test
    void argmaxAndArgminPickTheFirstExtremeAlongADim() {
        // whole numbers in a small range, so ties are common
        double[] x = integers(24, 60, 0, 4);
        Tensor t = tensor(DType.FLOAT32, x, SHAPE);
        for (int dim = 0; dim < 3; dim++) {
            assertThat(t.argmax(dim, false).toLongArray()).as("argmax dim %d", dim)
                    .containsExactly(Reference.argExtreme(x, SHAPE, dim, true));
            assertThat(t.argmin(dim, false).toLongArray()).as("argmin dim %d", dim)
                    .containsExactly(Reference.argExtreme(x, SHAPE, dim, false));
        }
        Tensor kept = t.argmax(1, true);
        assertThat(kept.shape()).containsExactly(3, 1, 5);
        assertThat(kept.dtype()).isEqualTo(DType.INT64);
        assertThat(t.argmin(-1, false).shape()).containsExactly(3, 4);
    }

    @Test
    void flatArgmaxIndexesTheFlattenedTensor() {
        Tensor t = Tensor.of(new float[] {1, 7, 3, 7, 0, -2}, 2, 3).t();
        Tensor idx = t.argmax();
        assertThat(idx.shape()).isEmpty();
        // t is [[1, 7], [7, 0], [3, -2]]: the first 7 in row-major order is at flat 1
        assertThat(idx.toLongArray()).containsExactly(1);
        assertThat(t.argmin().toLongArray()).containsExactly(5);
    }

    @Test
    void argmaxComparesIntegersExactly() {
        // neighbours above 2^53 are equal as doubles but not as longs
        long big = 1L << 53;
        Tensor t = Tensor.of(new long[] {big, big + 1, big - 1});
        assertThat(t.argmax().toLongArray()).containsExactly(1);
        assertThat(t.argmin(0, false).toLongArray()).containsExactly(2);
        assertThat(Tensor.of(new int[] {-5, 9, 9}).argmax().toLongArray()).containsExactly(1);
    }

    @Test
    void integerReductionsAreExact() {
        long big = (1L << 53) + 1;
        Tensor t = Tensor.of(new long[] {big, 2, big, -1}, 2, 2);
        assertThat(t.sum(0).toLongArray()).containsExactly(2 * big, 1);
        assertThat(t.max(new int[] {1}, false).toLongArray()).containsExactly(big, big);
        assertThat(t.min().toLongArray()).containsExactly(-1);
        assertThat(Tensor.of(new int[] {1, 2, 3, 4}, 2, 2).prod(1, false).toLongArray()).containsExactly(2, 12);
    }

    @Test
    void nanPropagatesThroughSumMeanMaxAndMin() {
        Tensor t = Tensor.of(new float[] {1, Float.NaN, 3, 4, 5, 6}, 2, 3);
        assertValues(t.sum(1), Double.NaN, 15);
        assertValues(t.mean(1), Double.NaN, 5);
        assertValues(t.max(1, false), Double.NaN, 6);
        assertValues(t.min(1, false), Double.NaN, 4);
        assertValues(t.max(), Double.NaN);
        assertThat(t.argmax(1, false).toLongArray()).containsExactly(1, 2);
        assertThat(t.argmin(1, false).toLongArray()).containsExactly(1, 0);
    }

    @Test
    void emptyReducedDimsGiveIdentitiesOrNan() {
        Tensor empty = Tensor.zeros(2, 0);
        assertTensor(empty.sum(1), new long[] {2}, 0, 0);
        assertTensor(empty.mean(1), new long[] {2}, Double.NaN, Double.NaN);
        assertTensor(empty.prod(1, true), new long[] {2, 1}, 1, 1);
        assertTensor(empty.sum(), new long[0], 0);
        assertThat(Tensor.zeros(DType.INT32, 0).sum().toLongArray()).containsExactly(0);
    }

    @Test
    void reducingANonEmptyDimOfAnEmptyTensorGivesAnEmptyResult() {
        Tensor empty = Tensor.zeros(0, 3);
        assertThat(empty.sum(1).shape()).containsExactly(0);
        assertThat(empty.max(1, true).shape()).containsExactly(0, 1);
        assertThat(empty.argmax(1, false).shape()).containsExactly(0);
    }

    @Test
    void maxMinAndArgmaxOfAnEmptyDimAreErrors() {
        Tensor empty = Tensor.zeros(2, 0);
        assertThatThrownBy(() -> empty.max(1, false)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max");
        assertThatThrownBy(empty::min).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min");
        assertThatThrownBy(() -> empty.argmax(1, false)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("argmax");
        assertThatThrownBy(empty::argmin).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("argmin");
    }

    // ---- sizes that cross the parallel threshold ------------------------------------------------

    @Test
    void largeFullReductionsCoverEveryElement() {
        // positive values: no cancellation, so a float32 backend's summation order cannot matter
        double[] x = floats(25, LARGE, 0, 1);
        x[LARGE - 1] = 3;
        x[77_777] = -1;
        Tensor t = tensor(DType.FLOAT32, x, LARGE);
        int[] all = {0};
        long[] shape = {LARGE};
        assertValues(t.sum(), Reference.sum(x, shape, all));
        assertValues(t.mean(), reference(ReduceOp.MEAN, x, shape, all));
        assertValues(t.max(), 3);
        assertValues(t.min(), -1);
        assertThat(t.argmax().toLongArray()).containsExactly(LARGE - 1);
        assertThat(t.argmin().toLongArray()).containsExactly(77_777);
        assertValues(t.var(), Reference.variance(x, shape, all, 1));
        assertValues(tensor(DType.FLOAT64, x, LARGE).sum(), Reference.sum(x, shape, all));
    }

    @Test
    void largeReductionsAlongOneDimOfAMatrix() {
        double[] x = floats(26, LARGE * 3, -1, 1);
        long[] tall = {LARGE, 3};
        long[] wide = {3, LARGE};
        assertTensor(tensor(DType.FLOAT32, x, tall).sum(0), new long[] {3}, Reference.sum(x, tall, 0));
        assertTensor(tensor(DType.FLOAT32, x, tall).max(new int[] {1}, false), new long[] {LARGE},
                reference(ReduceOp.MAX, x, tall, new int[] {1}));
        assertTensor(tensor(DType.FLOAT64, x, wide).mean(1), new long[] {3}, reference(ReduceOp.MEAN, x, wide, new int[] {1}));
        assertThat(tensor(DType.FLOAT32, x, wide).argmin(1, false).toLongArray())
                .containsExactly(Reference.argExtreme(x, wide, 1, false));
    }

    @Test
    void largeIntegerSumIsExact() {
        double[] x = integers(27, LARGE, -1_000_000, 1_000_000);
        long expected = 0;
        for (double v : x) {
            expected += (long) v;
        }
        assertThat(tensor(DType.INT32, x, LARGE).sum().toLongArray()).containsExactly(expected);
    }

    @Property(tries = 40)
    void sumOverSeveralDimsEqualsSumsOfSums(@ForAll @IntRange(min = 1, max = 6) int a,
                                            @ForAll @IntRange(min = 1, max = 6) int b,
                                            @ForAll @IntRange(min = 1, max = 6) int c) {
        long[] shape = {a, b, c};
        double[] x = floats(a * 100 + b * 10 + c, a * b * c, -4, 4);
        Tensor t = tensor(DType.FLOAT64, x, shape);
        double[] expected = Reference.sum(x, shape, 0, 2);
        assertTensor(t.sum(new int[] {0, 2}, false), new long[] {b}, expected);
        assertTensor(t.sum(2).sum(0), new long[] {b}, expected);
        assertValues(t.sum(), t.sum(0).sum(0).sum(0).item());
    }

    private static int[] normalized(int[] dims) {
        return Arrays.stream(dims).map(d -> d < 0 ? d + SHAPE.length : d).toArray();
    }
}
