package dev.ithaca.backend.cuda;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The row-major to cuBLAS mapping ({@code out^T = b^T a^T}), checked by executing each planned call
 * with a plain column-major gemm, exactly as cuBLAS defines it, on operands stored in the layouts
 * tensors have: contiguous, transposed views, sliced rows, vectors and batches.
 */
class GemmCallTest {

    /** A row-major matrix stored at {@code offset} with element strides, in a memory array of {@code size}. */
    private static double[] store(double[][] matrix, long rowStride, long colStride, int offset, int size) {
        double[] memory = new double[size];
        java.util.Arrays.fill(memory, Double.NaN);   // any element read that the layout does not define shows up
        for (int i = 0; i < matrix.length; i++) {
            for (int j = 0; j < matrix[0].length; j++) {
                memory[(int) (offset + i * rowStride + j * colStride)] = matrix[i][j];
            }
        }
        return memory;
    }

    /** cuBLAS's gemm: C (m x n, column-major, ldc) = op(A) op(B), for each batch. */
    private static void columnMajorGemm(GemmCall c, double[] a, int offA, double[] b, int offB, double[] out, int offC) {
        for (int batch = 0; batch < c.batch(); batch++) {
            for (int i = 0; i < c.m(); i++) {
                for (int j = 0; j < c.n(); j++) {
                    double sum = 0;
                    for (int p = 0; p < c.k(); p++) {
                        int ai = (int) (offA + batch * c.strideA() + (c.transA() ? p + (long) i * c.lda() : i + (long) p * c.lda()));
                        int bi = (int) (offB + batch * c.strideB() + (c.transB() ? j + (long) p * c.ldb() : p + (long) j * c.ldb()));
                        sum += a[ai] * b[bi];
                    }
                    out[(int) (offC + batch * c.strideC() + i + (long) j * c.ldc())] = sum;
                }
            }
        }
    }

    private static double[][] matrix(int rows, int cols, int seed) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = ((i * 7 + j * 3 + seed) % 11) - 5;
            }
        }
        return m;
    }

    private static double[][] product(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                for (int p = 0; p < b.length; p++) {
                    c[i][j] += a[i][p] * b[p][j];
                }
            }
        }
        return c;
    }

    /** Plans out = a b with a and b stored with the given strides, runs it, and compares with the product. */
    private static void check(int m, int k, int n, long aRow, long aCol, long bRow, long bCol) {
        double[][] a = matrix(m, k, 1);
        double[][] b = matrix(k, n, 2);
        int size = 4096;
        double[] aMemory = store(a, aRow, aCol, 3, size);
        double[] bMemory = store(b, bRow, bCol, 5, size);
        GemmCall.Layout la = GemmCall.Layout.of(m, k, aRow, aCol);
        GemmCall.Layout lb = GemmCall.Layout.of(k, n, bRow, bCol);
        assertThat(la).as("a layout").isNotNull();
        assertThat(lb).as("b layout").isNotNull();
        GemmCall call = GemmCall.rowMajor(m, n, k, la, lb, n, 0, 0, 0, 1);
        double[] out = new double[m * n];
        columnMajorGemm(call, bMemory, 5, aMemory, 3, out, 0);
        double[][] expected = product(a, b);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                assertThat(out[i * n + j]).as("out[%d][%d] of %dx%d @ %dx%d", i, j, m, k, k, n).isEqualTo(expected[i][j]);
            }
        }
    }

    @Test
    void contiguousOperandsNeedNoTranspose() {
        check(5, 4, 3, 4, 1, 3, 1);
        GemmCall.Layout contiguous = GemmCall.Layout.of(5, 4, 4, 1);
        assertThat(contiguous).isEqualTo(new GemmCall.Layout(false, 4));
    }

    @Test
    void transposedViewsBecomeCublasTransposes() {
        check(5, 4, 3, 1, 5, 3, 1);     // a = x.t() of a contiguous 4x5
        check(5, 4, 3, 4, 1, 1, 4);     // b = y.t() of a contiguous 3x4
        check(5, 4, 3, 1, 5, 1, 4);     // both
        assertThat(GemmCall.Layout.of(5, 4, 1, 5)).isEqualTo(new GemmCall.Layout(true, 5));
    }

    @Test
    void rowsLongerThanTheMatrixUseTheLeadingDimension() {
        check(5, 4, 3, 9, 1, 7, 1);     // narrowed columns of wider matrices
        check(5, 4, 3, 1, 8, 3, 1);     // a transposed slice
    }

    @Test
    void vectorsAndSingleElementsWork() {
        check(1, 4, 3, 4, 1, 3, 1);
        check(5, 4, 1, 4, 1, 1, 1);
        check(1, 1, 1, 1, 1, 1, 1);
        check(1, 4, 3, 100, 1, 3, 1);   // one row of a larger matrix: its row stride is irrelevant
        check(5, 1, 3, 1, 1, 3, 1);
    }

    @Test
    void matricesWithoutAUnitStrideMustBePacked() {
        assertThat(GemmCall.Layout.of(5, 4, 8, 2)).isNull();
        assertThat(GemmCall.Layout.of(5, 4, 4, 0)).as("a broadcast column").isNull();
    }

    @Test
    void batchesAdvanceEachOperandByItsStrideAndBroadcastWithStrideZero() {
        int m = 3, k = 2, n = 4, batch = 3;
        double[][][] as = new double[batch][][];
        double[][][] bs = new double[batch][][];
        double[] aMemory = new double[batch * m * k];
        double[] bMemory = new double[n * k];
        double[][] shared = matrix(k, n, 9);   // one b for every batch (stride 0)
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                bMemory[p * n + j] = shared[p][j];
            }
        }
        for (int t = 0; t < batch; t++) {
            as[t] = matrix(m, k, t);
            bs[t] = shared;
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    aMemory[t * m * k + i * k + p] = as[t][i][p];
                }
            }
        }
        GemmCall call = GemmCall.rowMajor(m, n, k, GemmCall.Layout.of(m, k, k, 1), GemmCall.Layout.of(k, n, n, 1), n,
                (long) m * k, 0, (long) m * n, batch);
        assertThat(call.strideA()).as("cuBLAS's A is b").isZero();
        double[] out = new double[batch * m * n];
        columnMajorGemm(call, bMemory, 0, aMemory, 0, out, 0);
        for (int t = 0; t < batch; t++) {
            double[][] expected = product(as[t], bs[t]);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    assertThat(out[t * m * n + i * n + j]).isEqualTo(expected[i][j]);
                }
            }
        }
    }

    @Test
    void dimensionsBeyondCublasRangeAreRefused() {
        GemmCall.Layout big = new GemmCall.Layout(false, 1L << 32);
        assertThatThrownBy(() -> GemmCall.rowMajor(2, 2, 2, big, new GemmCall.Layout(false, 2), 2, 0, 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("matmul", "leading dimension of a", "4294967296");
    }
}
