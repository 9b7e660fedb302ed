package dev.ithaca.tck;

import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;

import static dev.ithaca.tck.Approx.assertTensor;
import static dev.ithaca.tck.Samples.floats;
import static dev.ithaca.tck.Samples.integers;
import static dev.ithaca.tck.Samples.tensor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code torch.matmul} semantics against the triple loop: vectors, matrices, batches with
 * broadcast batch dims, and operand layouts a gemm library cannot take as they are.
 */
public abstract class MatmulConformance extends BackendConformanceTest {

    /** Inputs in [-1, 1): products stay small, so float32 accumulation error stays far below tolerance. */
    private static double[] values(long seed, long... shape) {
        return floats(seed, (int) Samples.numel(shape), -1, 1);
    }

    /** Reference of a (batched, broadcast) product: both operands broadcast to the common batch, then one triple loop per matrix. */
    static double[] batchedProduct(double[] a, long[] sa, double[] b, long[] sb) {
        int m = (int) sa[sa.length - 2], k = (int) sa[sa.length - 1], n = (int) sb[sb.length - 1];
        long[] batch = Reference.broadcastShape(Arrays.copyOf(sa, sa.length - 2), Arrays.copyOf(sb, sb.length - 2));
        double[] ea = Reference.broadcastTo(a, sa, concat(batch, m, k));
        double[] eb = Reference.broadcastTo(b, sb, concat(batch, k, n));
        int batches = (int) Reference.numel(batch);
        double[] out = new double[batches * m * n];
        for (int i = 0; i < batches; i++) {
            double[] c = Reference.matmul(Arrays.copyOfRange(ea, i * m * k, (i + 1) * m * k),
                    Arrays.copyOfRange(eb, i * k * n, (i + 1) * k * n), m, k, n);
            System.arraycopy(c, 0, out, i * m * n, m * n);
        }
        return out;
    }

    static long[] concat(long[] batch, long rows, long cols) {
        long[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = rows;
        shape[batch.length + 1] = cols;
        return shape;
    }

    @ParameterizedTest(name = "[{0}x{1}] @ [{1}x{2}]")
    @CsvSource({"1,1,1", "2,3,4", "7,5,3", "1,17,1", "33,1,9", "64,96,80", "130,70,257"})
    void matrixProductMatchesTheTripleLoop(int m, int k, int n) {
        double[] a = values(1, m, k);
        double[] b = values(2, k, n);
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor c = tensor(dtype, a, m, k).matmul(tensor(dtype, b, k, n));
            assertThat(c.dtype()).isEqualTo(dtype);
            assertTensor(c, new long[] {m, n}, Reference.matmul(a, b, m, k, n));
        }
    }

    @Test
    void vectorOperandsArePromotedAndTheirDimRemoved() {
        double[] v = values(3, 4);
        double[] m = values(4, 4, 3);
        double[] batch = values(5, 2, 3, 4);
        assertTensor(tensor(DType.FLOAT64, v, 4).matmul(tensor(DType.FLOAT64, v, 4)), new long[0],
                Reference.matmul(v, v, 1, 4, 1));
        assertTensor(tensor(DType.FLOAT64, v, 4).matmul(tensor(DType.FLOAT64, m, 4, 3)), new long[] {3},
                Reference.matmul(v, m, 1, 4, 3));
        assertTensor(tensor(DType.FLOAT64, m, 4, 3).t().matmul(tensor(DType.FLOAT64, v, 4)), new long[] {3},
                Reference.matmul(Reference.permute(m, new long[] {4, 3}, 1, 0), v, 3, 4, 1));
        assertTensor(tensor(DType.FLOAT64, batch, 2, 3, 4).matmul(tensor(DType.FLOAT64, v, 4)), new long[] {2, 3},
                batchedProduct(batch, new long[] {2, 3, 4}, v, new long[] {4, 1}));
        double[] w = values(6, 3);
        assertTensor(tensor(DType.FLOAT64, w, 3).matmul(tensor(DType.FLOAT64, batch, 2, 3, 4)), new long[] {2, 4},
                batchedProduct(w, new long[] {1, 3}, batch, new long[] {2, 3, 4}));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void batchedProductsMultiplyEachMatrix(DType dtype) {
        long[] sa = {4, 5, 6};
        long[] sb = {4, 6, 3};
        double[] a = values(7, sa);
        double[] b = values(8, sb);
        assertTensor(tensor(dtype, a, sa).matmul(tensor(dtype, b, sb)), new long[] {4, 5, 3}, batchedProduct(a, sa, b, sb));
    }

    @Test
    void batchDimsBroadcast() {
        long[][][] cases = {
            {{2, 1, 3, 4}, {5, 4, 2}},
            {{3, 2, 4}, {4, 5}},
            {{2, 4}, {3, 4, 5}},
            {{1, 2, 3}, {2, 1, 3, 2}},
        };
        for (long[][] c : cases) {
            double[] a = values(9, c[0]);
            double[] b = values(10, c[1]);
            long[] batch = Reference.broadcastShape(Arrays.copyOf(c[0], c[0].length - 2), Arrays.copyOf(c[1], c[1].length - 2));
            Tensor out = tensor(DType.FLOAT32, a, c[0]).matmul(tensor(DType.FLOAT32, b, c[1]));
            assertTensor(out, concat(batch, c[0][c[0].length - 2], c[1][c[1].length - 1]), batchedProduct(a, c[0], b, c[1]));
        }
    }

    @Test
    void transposedOperandsAreReadInPlace() {
        double[] a = values(11, 6, 5);
        double[] b = values(12, 4, 6);
        double[] aT = Reference.permute(a, new long[] {6, 5}, 1, 0);
        double[] bT = Reference.permute(b, new long[] {4, 6}, 1, 0);
        Tensor ta = tensor(DType.FLOAT32, a, 6, 5).t();
        Tensor tb = tensor(DType.FLOAT32, b, 4, 6).t();
        assertTensor(ta.matmul(tb), new long[] {5, 4}, Reference.matmul(aT, bT, 5, 6, 4));
        assertTensor(ta.matmul(tensor(DType.FLOAT32, bT, 6, 4)), new long[] {5, 4}, Reference.matmul(aT, bT, 5, 6, 4));
        assertTensor(tensor(DType.FLOAT32, aT, 5, 6).matmul(tb), new long[] {5, 4}, Reference.matmul(aT, bT, 5, 6, 4));
    }

    @Test
    void batchedTransposesAndPermutedBatchDims() {
        // a stored as [m, batch, k]: its batch dim is neither outermost nor contiguous
        double[] a = values(13, 3, 2, 4);
        double[] b = values(14, 2, 5, 4);
        Tensor ta = tensor(DType.FLOAT64, a, 3, 2, 4).permute(1, 0, 2);
        Tensor tb = tensor(DType.FLOAT64, b, 2, 5, 4).transpose(1, 2);
        double[] pa = Reference.permute(a, new long[] {3, 2, 4}, 1, 0, 2);
        double[] pb = Reference.permute(b, new long[] {2, 5, 4}, 0, 2, 1);
        assertTensor(ta.matmul(tb), new long[] {2, 3, 5}, batchedProduct(pa, new long[] {2, 3, 4}, pb, new long[] {2, 4, 5}));
    }

    @Test
    void stridedOperandsWithoutAUnitStrideArePacked() {
        // every second row and column: neither dim has stride 1
        double[] big = values(15, 10, 12);
        Tensor a = tensor(DType.FLOAT32, big, 10, 12).slice(0, 0, 10, 2).slice(1, 1, 12, 2);
        double[] sa = new double[5 * 6];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 6; j++) {
                sa[i * 6 + j] = big[(2 * i) * 12 + 1 + 2 * j];
            }
        }
        double[] b = values(16, 6, 3);
        assertTensor(a.matmul(tensor(DType.FLOAT32, b, 6, 3)), new long[] {5, 3}, Reference.matmul(sa, b, 5, 6, 3));
        assertTensor(tensor(DType.FLOAT32, b, 6, 3).t().matmul(a.t()), new long[] {3, 5},
                Reference.permute(Reference.matmul(sa, b, 5, 6, 3), new long[] {5, 3}, 1, 0));
    }

    @Test
    void expandedOperandsWithZeroStridesWork() {
        double[] row = values(17, 1, 3);
        double[] a = values(18, 2, 4);
        // [1, 3] expanded to [4, 3]: every row of b is the same memory
        Tensor b = tensor(DType.FLOAT32, row, 1, 3).expand(4, 3);
        assertTensor(tensor(DType.FLOAT32, a, 2, 4).matmul(b), new long[] {2, 3},
                Reference.matmul(a, Reference.broadcastTo(row, new long[] {1, 3}, new long[] {4, 3}), 2, 4, 3));
        Tensor scalarMatrix = Tensor.scalar(0.5).expand(4, 2);
        assertTensor(tensor(DType.FLOAT32, a, 2, 4).matmul(scalarMatrix), new long[] {2, 2},
                Reference.matmul(a, new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, 2, 4, 2));
    }

    @Test
    void singleColumnsAndRowsOfLargerMatricesWork() {
        double[] big = values(19, 5, 7);
        Tensor t = tensor(DType.FLOAT64, big, 5, 7);
        Tensor column = t.narrow(1, 3, 1);     // [5, 1], row stride 7
        Tensor row = t.narrow(0, 2, 1);        // [1, 7]
        Tensor stridedRow = t.narrow(1, 2, 1).t();   // [1, 5] with column stride 7
        double[] col = new double[5];
        double[] r = Arrays.copyOfRange(big, 14, 21);
        for (int i = 0; i < 5; i++) {
            col[i] = big[i * 7 + 3];
        }
        double[] colOf2 = new double[5];
        for (int i = 0; i < 5; i++) {
            colOf2[i] = big[i * 7 + 2];
        }
        assertTensor(column.matmul(row), new long[] {5, 7}, Reference.matmul(col, r, 5, 1, 7));
        assertTensor(stridedRow.matmul(column), new long[] {1, 1}, Reference.matmul(colOf2, col, 1, 5, 1));
        assertTensor(row.matmul(t.t()), new long[] {1, 5}, Reference.matmul(r, Reference.permute(big, new long[] {5, 7}, 1, 0), 1, 7, 5));
    }

    @Test
    void emptyInnerDimensionGivesZeros() {
        assertTensor(Tensor.zeros(3, 0).matmul(Tensor.zeros(0, 4)), new long[] {3, 4}, new double[12]);
        assertTensor(Tensor.zeros(DType.FLOAT64, 2, 2, 0).matmul(Tensor.zeros(DType.FLOAT64, 0, 1)), new long[] {2, 2, 1}, new double[4]);
        assertThat(Tensor.zeros(3, 0).matmul(Tensor.zeros(0, 4)).toFloatArray()).containsOnly(0f);
    }

    @Test
    void emptyOuterDimensionsGiveEmptyResults() {
        assertThat(Tensor.zeros(0, 3).matmul(Tensor.ones(3, 4)).shape()).containsExactly(0, 4);
        assertThat(Tensor.ones(2, 3).matmul(Tensor.zeros(3, 0)).shape()).containsExactly(2, 0);
        assertThat(Tensor.zeros(0, 2, 3).matmul(Tensor.ones(3, 4)).shape()).containsExactly(0, 2, 4);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"INT32", "INT64"})
    void integerProductsAreExact(DType dtype) {
        double[] a = integers(20, 12, -9, 10);
        double[] b = integers(21, 20, -9, 10);
        Tensor c = tensor(dtype, a, 3, 4).matmul(tensor(dtype, b, 4, 5));
        assertThat(c.dtype()).isEqualTo(dtype);
        assertThat(c.toDoubleArray()).containsExactly(Reference.matmul(a, b, 3, 4, 5));
    }

    @Test
    void int64ProductsDoNotGoThroughDoubles() {
        long x = (1L << 31) + 1;
        Tensor c = Tensor.of(new long[] {x, 1}, 1, 2).matmul(Tensor.of(new long[] {x, 1}, 2, 1));
        assertThat(c.toLongArray()).containsExactly(x * x + 1);
    }

    @Test
    void float64ProductsKeepDoublePrecision() {
        double t = 1e-5;
        Tensor a = Tensor.of(new double[] {1 + t, -1}, 1, 2);
        Tensor b = Tensor.of(new double[] {1 - t, 1}, 2, 1);
        // (1 + t)(1 - t) - 1 is about -1e-10: float32 rounding alone would be off by 6e-8
        Approx.assertRelative(a.matmul(b).item(), (1 + t) * (1 - t) - 1, 1e-4);
    }
}
