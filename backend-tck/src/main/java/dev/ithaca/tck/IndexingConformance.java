package dev.ithaca.tck;

import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static dev.ithaca.tck.Approx.assertTensor;
import static dev.ithaca.tck.Samples.floats;
import static dev.ithaca.tck.Samples.integers;
import static dev.ithaca.tck.Samples.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** gather, indexSelect and scatterAdd against their defining loops, and bad indices as clear errors. */
public abstract class IndexingConformance extends BackendConformanceTest {
    private static final long[] SHAPE = {3, 4, 5};

    /** {@code out[p] = x[p with dim replaced by index[p]]} for every position p of the index. */
    static double[] gatherReference(double[] x, long[] xShape, int dim, double[] index, long[] indexShape) {
        double[] out = new double[index.length];
        for (int p = 0; p < index.length; p++) {
            long[] at = Reference.unravel(p, indexShape);
            at[dim] = (long) index[p];
            out[p] = x[(int) Reference.ravel(at, xShape)];
        }
        return out;
    }

    /** A copy of self with {@code src[p]} added at {@code p with dim replaced by index[p]}. */
    static double[] scatterAddReference(double[] self, long[] selfShape, int dim, double[] index, long[] indexShape,
                                        double[] src, long[] srcShape) {
        double[] out = self.clone();
        for (int p = 0; p < index.length; p++) {
            long[] at = Reference.unravel(p, indexShape);
            double value = src[(int) Reference.ravel(at, srcShape)];
            at[dim] = (long) index[p];
            out[(int) Reference.ravel(at, selfShape)] += value;
        }
        return out;
    }

    @Test
    void gatherPicksAlongEachDim() {
        double[] x = floats(1, 60, -4, 4);
        Tensor t = tensor(DType.FLOAT32, x, SHAPE);
        long[][] indexShapes = {{2, 4, 5}, {3, 2, 5}, {3, 4, 7}};
        for (int dim = 0; dim < 3; dim++) {
            long[] is = indexShapes[dim];
            double[] index = integers(dim, (int) Samples.numel(is), 0, SHAPE[dim]);
            assertTensor(t.gather(dim, tensor(DType.INT64, index, is)), is, gatherReference(x, SHAPE, dim, index, is));
        }
    }

    @Test
    void gatherIndexMayBeSmallerThanTheInputInOtherDims() {
        double[] x = floats(2, 60, -4, 4);
        long[] is = {2, 3, 4};
        double[] index = integers(3, 24, 0, 4);
        assertTensor(tensor(DType.FLOAT64, x, SHAPE).gather(-2, tensor(DType.INT32, index, is)), is,
                gatherReference(x, SHAPE, 1, index, is));
    }

    @Test
    void gatherReadsStridedInputsAndIndices() {
        double[] x = floats(4, 60, -4, 4);
        Tensor t = tensor(DType.FLOAT32, x, SHAPE).permute(2, 1, 0);
        double[] p = Reference.permute(x, SHAPE, 2, 1, 0);
        long[] pShape = {5, 4, 3};
        double[] index = integers(5, 20, 0, 3);
        Tensor idx = tensor(DType.INT64, index, 4, 5).t();
        long[] is = {5, 4, 1};
        double[] transposedIndex = Reference.permute(index, new long[] {4, 5}, 1, 0);
        assertTensor(t.gather(2, idx.unsqueeze(2)), is, gatherReference(p, pShape, 2, transposedIndex, is));
    }

    @Test
    void largeGatherIsSplitCorrectly() {
        long[] shape = {2, 60_000};
        double[] x = floats(6, 120_000, -4, 4);
        double[] index = integers(7, 120_000, 0, 60_000);
        assertTensor(tensor(DType.FLOAT32, x, shape).gather(1, tensor(DType.INT64, index, shape)), shape,
                gatherReference(x, shape, 1, index, shape));
    }

    @Test
    void gatherOfAZeroDimTensor() {
        assertTensor(Tensor.scalar(5).gather(0, Tensor.scalar(0, DType.INT64)), new long[0], 5);
    }

    @Test
    void indexSelectTakesWholeSlicesInIndexOrder() {
        double[] x = floats(8, 60, -4, 4);
        Tensor t = tensor(DType.FLOAT32, x, SHAPE);
        Tensor rows = t.indexSelect(1, Tensor.of(new long[] {3, 0, 3}));
        assertThat(rows.shape()).containsExactly(3, 3, 5);
        for (int k = 0; k < 3; k++) {
            long source = new long[] {3, 0, 3}[k];
            assertTensor(rows.select(1, k), new long[] {3, 5}, t.select(1, source).toDoubleArray());
        }
        assertTensor(t.indexSelect(0, Tensor.of(new int[] {2})), new long[] {1, 4, 5}, t.select(0, 2).toDoubleArray());
    }

    @Test
    void indexSelectWithAnEmptyOrZeroDimIndex() {
        Tensor t = tensor(DType.FLOAT32, Samples.iota(6), 2, 3);
        assertThat(t.indexSelect(1, Tensor.zeros(DType.INT64, 0)).shape()).containsExactly(2, 0);
        assertTensor(t.indexSelect(1, Tensor.scalar(2, DType.INT64)), new long[] {2, 1}, 2, 5);
    }

    @Test
    void indexSelectReadsAStridedInput() {
        Tensor t = tensor(DType.FLOAT64, Samples.iota(12), 3, 4).t();   // [4, 3]
        assertTensor(t.indexSelect(0, Tensor.of(new long[] {1, 3})), new long[] {2, 3}, 1, 5, 9, 3, 7, 11);
        assertTensor(t.indexSelect(1, Tensor.of(new long[] {2, 2})), new long[] {4, 2}, 8, 8, 9, 9, 10, 10, 11, 11);
    }

    @Test
    void scatterAddAccumulatesDuplicateTargets() {
        Tensor self = Tensor.ones(3, 2);
        Tensor index = Tensor.of(new long[] {0, 2, 0, 0, 1, 2}, 3, 2);
        Tensor src = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        assertTensor(self.scatterAdd(0, index, src), new long[] {3, 2}, 5, 5, 6, 1, 1, 9);
        assertThat(self.toFloatArray()).as("scatterAdd returns a copy").containsOnly(1f);
    }

    @Test
    void scatterAddMatchesTheReferenceAlongEachDim() {
        double[] self = floats(9, 60, -4, 4);
        long[] srcShape = {3, 4, 6};
        double[] src = floats(10, 72, -4, 4);
        long[][] indexShapes = {{2, 4, 5}, {3, 3, 2}, {3, 4, 6}};
        for (int dim = 0; dim < 3; dim++) {
            long[] is = indexShapes[dim];
            double[] index = integers(11 + dim, (int) Samples.numel(is), 0, SHAPE[dim]);
            Tensor out = tensor(DType.FLOAT64, self, SHAPE).scatterAdd(dim, tensor(DType.INT64, index, is), tensor(DType.FLOAT64, src, srcShape));
            assertTensor(out, SHAPE, scatterAddReference(self, SHAPE, dim, index, is, src, srcShape));
        }
    }

    @Test
    void scatterAddOfIntegersIsExact() {
        Tensor self = Tensor.of(new long[] {1L << 60, 0});
        Tensor out = self.scatterAdd(0, Tensor.of(new long[] {0, 0, 1}), Tensor.of(new long[] {1, 2, 7}));
        assertThat(out.toLongArray()).containsExactly((1L << 60) + 3, 7);
    }

    @Test
    void scatterAddWithAnEmptyIndexLeavesTheTensorUnchanged() {
        Tensor self = Tensor.of(new float[] {1, 2, 3});
        Tensor result = self.scatterAdd(0, Tensor.zeros(DType.INT64, 0), Tensor.zeros(0));
        assertThat(result.toFloatArray()).containsExactly(1, 2, 3);
    }

    @Test
    void scatterAddOfAZeroDimTensor() {
        assertTensor(Tensor.scalar(1).scatterAdd(0, Tensor.scalar(0, DType.INT64), Tensor.scalar(2)), new long[0], 3);
    }

    @Test
    void outOfRangeIndicesAreClearErrors() {
        Tensor t = tensor(DType.FLOAT32, Samples.iota(6), 2, 3);
        assertThatThrownBy(() -> t.gather(1, Tensor.of(new long[] {0, 3}, 1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("gather", "3");
        assertThatThrownBy(() -> t.gather(1, Tensor.of(new long[] {-1}, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("gather", "-1");
        assertThatThrownBy(() -> t.indexSelect(0, Tensor.of(new long[] {0, 2})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("indexSelect", "2");
        assertThatThrownBy(() -> t.scatterAdd(0, Tensor.of(new long[] {5}, 1, 1), Tensor.ones(1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("scatterAdd", "5");
        assertThat(t.toFloatArray()).as("a failed scatterAdd leaves self alone").containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void outOfRangeIndexInALargeParallelGatherIsAClearError() {
        double[] index = new double[100_000];
        index[99_999] = 100_000;
        Tensor x = Tensor.zeros(100_000);
        assertThatThrownBy(() -> x.gather(0, tensor(DType.INT64, index, 100_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("gather", "100000");
    }
}
