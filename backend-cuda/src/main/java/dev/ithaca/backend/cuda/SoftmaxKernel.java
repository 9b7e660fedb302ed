package dev.ithaca.backend.cuda;

import dev.ithaca.spi.Strided;

/** Softmax and log-softmax along one dim, a group of threads per row: kernels/softmax.cu. */
final class SoftmaxKernel {
    private final KernelLauncher launcher;

    SoftmaxKernel(KernelLauncher launcher) {
        this.launcher = launcher;
    }

    void softmax(Strided x, int dim, boolean log, Strided out) {
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("softmax needs a floating dtype, got " + x.dtype());
        }
        long length = x.size(dim);
        long[] rowShape = x.shape();
        rowShape[dim] = 1;
        Strided outRows = ReducedDims.keptView(out, rowShape);
        Strided xRows = ReducedDims.keptView(x, rowShape);
        Geometry geometry = Geometry.of(outRows, xRows);
        if (geometry.numel() == 0 || length == 0) {
            return;
        }
        int tpo = ReductionPlan.threadsPerGroup(length);
        int size = x.dtype().byteSize();
        String kernel = "softmax_" + DeviceAddress.suffix(x.dtype());
        for (Geometry.Piece piece : geometry.pieces()) {
            KernelArgs args = KernelArgs.begin().words(piece.geometry().words())
                    .pointer(DeviceAddress.of(out) + piece.offsets()[0] * size)
                    .pointer(DeviceAddress.of(x) + piece.offsets()[1] * size)
                    .i64(length).i64(x.stride(dim)).i64(out.stride(dim)).i32(log ? 1 : 0).i32(tpo);
            launcher.launch(KernelModule.SOFTMAX, kernel, LaunchConfig.forGroups(piece.geometry().numel(), tpo), args);
        }
    }
}
