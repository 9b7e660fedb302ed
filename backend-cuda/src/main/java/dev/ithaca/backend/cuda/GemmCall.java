package dev.ithaca.backend.cuda;

/**
 * One strided-batched cuBLAS gemm in cuBLAS's own column-major terms:
 * {@code C = op(A) * op(B)} with C {@code m x n}, for {@code batch} matrices {@code stride*} apart.
 * {@link #rowMajor} maps Ithaca's row-major {@code out[M,N] = a[M,K] b[K,N]} onto it with the
 * identity {@code out^T = b^T a^T}: cuBLAS's A is {@code b}'s memory and its B is {@code a}'s, and a
 * row-major matrix read column-major is its own transpose, so contiguous operands need no op and a
 * transposed view (unit row stride) becomes op T on its memory, with no copy.
 */
record GemmCall(boolean transA, boolean transB, int m, int n, int k, int lda, long strideA, int ldb, long strideB,
                int ldc, long strideC, int batch) {

    /**
     * How a row-major matrix of {@code rows x cols} with these element strides reads as a cuBLAS operand:
     * whether cuBLAS must transpose it and its leading dimension; null when neither its rows nor its
     * columns are unit-stride (it must be packed first).
     */
    record Layout(boolean transposed, long leading) {
        static Layout of(long rows, long cols, long rowStride, long colStride) {
            if ((colStride == 1 || cols == 1) && (rowStride >= Math.max(1, cols) || rows == 1)) {
                return new Layout(false, rows == 1 ? Math.max(1, cols) : rowStride);
            }
            if ((rowStride == 1 || rows == 1) && (colStride >= Math.max(1, rows) || cols == 1)) {
                return new Layout(true, cols == 1 ? Math.max(1, rows) : colStride);
            }
            return null;
        }
    }

    /**
     * The call computing row-major {@code out[M,N] = a[M,K] b[K,N]} for {@code batch} matrices.
     *
     * @param a     layout of a ({@code M x K})
     * @param b     layout of b ({@code K x N})
     * @param ldOut out's row stride (its column stride must be 1)
     */
    static GemmCall rowMajor(long m, long n, long k, Layout a, Layout b, long ldOut, long strideA, long strideB, long strideOut,
                             long batch) {
        return new GemmCall(b.transposed(), a.transposed(), checked("N", n), checked("M", m), checked("K", k),
                checked("leading dimension of b", b.leading()), strideB, checked("leading dimension of a", a.leading()), strideA,
                checked("leading dimension of out", ldOut), strideOut, checked("batch", batch));
    }

    private static int checked(String what, long value) {
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("matmul: " + what + " = " + value + " exceeds cuBLAS's 32-bit range");
        }
        return (int) value;
    }
}
