package dev.ithaca.backend.cpu;

import dev.ithaca.spi.Strided;
import dev.ithaca.tensor.DType;
import org.bytedeco.openblas.global.openblas_full;

import java.util.Arrays;

/**
 * Batched matrix product. FLOAT32/FLOAT64 go to OpenBLAS {@code cblas_?gemm} directly on the
 * tensors' memory: a matrix whose rows or columns are unit-stride is passed as is (transposed
 * when column-major), so transposed views need no copy. Other layouts are packed once.
 */
final class MatmulKernel {
    private final ElementwiseKernels elementwise;
    private final CpuBackend backend;

    MatmulKernel(CpuBackend backend, ElementwiseKernels elementwise) {
        this.backend = backend;
        this.elementwise = elementwise;
    }

    /** How OpenBLAS should read one operand: transposed or not, and its leading dimension. */
    private record Layout(boolean transposed, long leading) {
        /** Null when neither rows nor columns are unit-stride. */
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

    void matmul(Strided a, Strided b, Strided out) {
        int rank = out.rank();
        long m = out.size(rank - 2);
        long n = out.size(rank - 1);
        long k = a.size(rank - 1);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            elementwise.fill(out, 0);
            return;
        }
        DType t = out.dtype();
        if (!t.isFloatingPoint()) {
            integerMatmul(a, b, out, m, n, k);
            return;
        }
        Strided pa = packedIfNeeded(a, m, k);
        Strided pb = packedIfNeeded(b, k, n);
        try {
            Layout la = Layout.of(m, k, pa.stride(rank - 2), pa.stride(rank - 1));
            Layout lb = Layout.of(k, n, pb.stride(rank - 2), pb.stride(rank - 1));
            checkBlasRange(m, n, k, la, lb);
            forEachBatch(pa, pb, out, (aAddr, bAddr, cAddr) -> {
                int transA = la.transposed() ? openblas_full.CblasTrans : openblas_full.CblasNoTrans;
                int transB = lb.transposed() ? openblas_full.CblasTrans : openblas_full.CblasNoTrans;
                if (t == DType.FLOAT32) {
                    openblas_full.cblas_sgemm(openblas_full.CblasRowMajor, transA, transB, (int) m, (int) n, (int) k,
                            1f, AddressPointers.floats(aAddr), (int) la.leading(), AddressPointers.floats(bAddr),
                            (int) lb.leading(), 0f, AddressPointers.floats(cAddr), (int) n);
                } else {
                    openblas_full.cblas_dgemm(openblas_full.CblasRowMajor, transA, transB, (int) m, (int) n, (int) k,
                            1d, AddressPointers.doubles(aAddr), (int) la.leading(), AddressPointers.doubles(bAddr),
                            (int) lb.leading(), 0d, AddressPointers.doubles(cAddr), (int) n);
                }
            });
        } finally {
            releaseIfPacked(a, pa);
            releaseIfPacked(b, pb);
        }
    }

    private static void checkBlasRange(long m, long n, long k, Layout la, Layout lb) {
        long max = Integer.MAX_VALUE;
        if (m > max || n > max || k > max || la.leading() > max || lb.leading() > max) {
            throw new IllegalArgumentException("matmul: dimensions " + m + "x" + k + " @ " + k + "x" + n
                    + " exceed OpenBLAS's 32-bit index range");
        }
    }

    /** A contiguous copy when the matrix dims have no unit stride (batch dims keep any strides). */
    private Strided packedIfNeeded(Strided s, long rows, long cols) {
        int rank = s.rank();
        if (Layout.of(rows, cols, s.stride(rank - 2), s.stride(rank - 1)) != null) {
            return s;
        }
        long[] shape = s.shape();
        long[] strides = dev.ithaca.tensor.Shapes.contiguousStrides(shape);
        long bytes = Math.multiplyExact(dev.ithaca.tensor.Shapes.numel(shape), (long) s.dtype().byteSize());
        Strided packed = new Strided(backend.allocate(bytes), s.dtype(), shape, strides, 0);
        elementwise.copy(s, packed);
        return packed;
    }

    private static void releaseIfPacked(Strided original, Strided used) {
        if (used != original) {
            used.storage().release();
        }
    }

    @FunctionalInterface
    private interface BatchBody {
        void run(long aAddress, long bAddress, long cAddress);
    }

    /** Visits each matrix of the (broadcast) batch dims; stride-0 batch dims reuse one operand. */
    private static void forEachBatch(Strided a, Strided b, Strided c, BatchBody body) {
        int batchRank = c.rank() - 2;
        long[] batchShape = Arrays.copyOf(c.shape(), batchRank);
        long batches = dev.ithaca.tensor.Shapes.numel(batchShape);
        long[] index = new long[batchRank];
        long baseA = ElementwiseKernels.address(a);
        long baseB = ElementwiseKernels.address(b);
        long baseC = ElementwiseKernels.address(c);
        int size = c.dtype().byteSize();
        for (long batch = 0; batch < batches; batch++) {
            long offA = 0, offB = 0, offC = 0;
            for (int d = 0; d < batchRank; d++) {
                offA += index[d] * a.stride(d);
                offB += index[d] * b.stride(d);
                offC += index[d] * c.stride(d);
            }
            body.run(baseA + offA * size, baseB + offB * size, baseC + offC * size);
            for (int d = batchRank - 1; d >= 0 && ++index[d] == batchShape[d]; d--) {
                index[d] = 0;
            }
        }
    }

    /** Exact integer product with long accumulation (no BLAS for integers). */
    private static void integerMatmul(Strided a, Strided b, Strided c, long m, long n, long k) {
        int rank = c.rank();
        DType t = c.dtype();
        int size = t.byteSize();
        long am = a.stride(rank - 2) * size, ak = a.stride(rank - 1) * size;
        long bk = b.stride(rank - 2) * size, bn = b.stride(rank - 1) * size;
        long cm = c.stride(rank - 2) * size, cn = c.stride(rank - 1) * size;
        forEachBatch(a, b, c, (pa, pb, pc) -> {
            for (long i = 0; i < m; i++) {
                for (long j = 0; j < n; j++) {
                    long acc = 0;
                    for (long p = 0; p < k; p++) {
                        acc += NativeMemory.getLong(t, pa + i * am + p * ak) * NativeMemory.getLong(t, pb + p * bk + j * bn);
                    }
                    NativeMemory.putLong(t, pc + i * cm + j * cn, acc);
                }
            }
        });
    }
}
