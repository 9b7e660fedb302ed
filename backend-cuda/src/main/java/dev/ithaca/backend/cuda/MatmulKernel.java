package dev.ithaca.backend.cuda;

import dev.ithaca.spi.Strided;
import dev.ithaca.tensor.DType;

import java.util.Arrays;

/**
 * Batched matrix product. FLOAT32/FLOAT64 go to cuBLAS strided-batched gemm on the tensors'
 * memory (see {@link GemmCall}): transposed views are read in place, batch dims that coalesce into
 * one stride (broadcast ones included, with stride 0) become one call, further batch dims a loop of
 * calls; only a matrix with no unit stride is packed first. Integers and BOOL use an exact kernel.
 */
final class MatmulKernel {
    private final CublasGemm blas;
    private final KernelLauncher launcher;
    private final ElementwiseKernels elementwise;
    private final Temporaries temporaries;

    MatmulKernel(CublasGemm blas, KernelLauncher launcher, ElementwiseKernels elementwise, Temporaries temporaries) {
        this.blas = blas;
        this.launcher = launcher;
        this.elementwise = elementwise;
        this.temporaries = temporaries;
    }

    void matmul(Strided a, Strided b, Strided out) {
        int rank = out.rank();
        long m = out.size(rank - 2);
        long n = out.size(rank - 1);
        long k = a.size(rank - 1);
        if (out.numel() == 0) {
            return;
        }
        if (k == 0) {
            elementwise.fill(out, 0);
            return;
        }
        DType t = out.dtype();
        if (!t.isFloatingPoint()) {
            integerMatmul(a, b, out, k);
            return;
        }
        GemmCall.Layout outLayout = GemmCall.Layout.of(m, n, out.stride(rank - 2), out.stride(rank - 1));
        if (outLayout == null || outLayout.transposed()) {
            Strided packedOut = temporaries.contiguous(t, out.shape());
            try {
                matmul(a, b, packedOut);
                elementwise.copy(packedOut, out);
            } finally {
                Temporaries.release(packedOut);
            }
            return;
        }
        Strided pa = packedIfNeeded(a, m, k);
        Strided pb = packedIfNeeded(b, k, n);
        try {
            GemmCall.Layout la = GemmCall.Layout.of(m, k, pa.stride(rank - 2), pa.stride(rank - 1));
            GemmCall.Layout lb = GemmCall.Layout.of(k, n, pb.stride(rank - 2), pb.stride(rank - 1));
            gemmOverBatches(pa, pb, out, m, n, k, la, lb, outLayout.leading());
        } finally {
            releaseIfPacked(a, pa);
            releaseIfPacked(b, pb);
        }
    }

    /** The batch dims, coalesced over the three operands: the innermost is one strided call, the others a loop. */
    private void gemmOverBatches(Strided a, Strided b, Strided out, long m, long n, long k, GemmCall.Layout la, GemmCall.Layout lb,
                                 long ldOut) {
        int batchRank = out.rank() - 2;
        long[] batchShape = Arrays.copyOf(out.shape(), batchRank);
        Geometry batches = Geometry.of(batchShape, Arrays.copyOf(a.strides(), batchRank), Arrays.copyOf(b.strides(), batchRank),
                Arrays.copyOf(out.strides(), batchRank));
        int size = out.dtype().byteSize();
        long baseA = DeviceAddress.of(a);
        long baseB = DeviceAddress.of(b);
        long baseOut = DeviceAddress.of(out);
        if (batches.rank() == 0) {
            GemmCall call = GemmCall.rowMajor(m, n, k, la, lb, ldOut, 0, 0, 0, 1);
            blas.gemm(out.dtype(), call, baseB, baseA, baseOut);
            return;
        }
        int inner = batches.rank() - 1;
        GemmCall call = GemmCall.rowMajor(m, n, k, la, lb, ldOut, batches.stride(0, inner), batches.stride(1, inner),
                batches.stride(2, inner), batches.size(inner));
        long[] outerShape = new long[inner];
        long[][] outerStrides = new long[3][inner];
        for (int d = 0; d < inner; d++) {
            outerShape[d] = batches.size(d);
            for (int op = 0; op < 3; op++) {
                outerStrides[op][d] = batches.stride(op, d);
            }
        }
        Geometry outer = Geometry.of(outerShape, outerStrides);
        for (long i = 0, count = outer.numel(); i < count; i++) {
            blas.gemm(out.dtype(), call, baseB + outer.offset(1, i) * size, baseA + outer.offset(0, i) * size,
                    baseOut + outer.offset(2, i) * size);
        }
    }

    /** A contiguous copy when the matrix dims have no unit stride (batch dims keep any strides). */
    private Strided packedIfNeeded(Strided s, long rows, long cols) {
        int rank = s.rank();
        if (GemmCall.Layout.of(rows, cols, s.stride(rank - 2), s.stride(rank - 1)) != null) {
            return s;
        }
        return temporaries.copyOf(s, s.dtype());
    }

    private static void releaseIfPacked(Strided original, Strided used) {
        if (used != original) {
            Temporaries.release(used);
        }
    }

    /** Exact 64-bit accumulation; a and b are seen with out's shape (stride 0 along the dim they lack). */
    private void integerMatmul(Strided a, Strided b, Strided out, long k) {
        int rank = out.rank();
        long[] aStrides = a.strides();
        long aK = aStrides[rank - 1];
        aStrides[rank - 1] = 0;
        long[] bStrides = b.strides();
        long bK = bStrides[rank - 2];
        bStrides[rank - 2] = 0;
        Strided aRows = new Strided(a.storage(), a.dtype(), out.shape(), aStrides, a.offset());
        Strided bColumns = new Strided(b.storage(), b.dtype(), out.shape(), bStrides, b.offset());
        launcher.launchStrided(KernelModule.MATMUL_INT, "matmul_" + DeviceAddress.suffix(out.dtype()),
                new Strided[] {out, aRows, bColumns}, args -> args.i64(k).i64(aK).i64(bK));
    }
}
