package dev.ithaca.backend.cuda;

import dev.ithaca.spi.ReduceOp;
import dev.ithaca.spi.Storage;
import dev.ithaca.spi.Strided;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Shapes;

import java.util.List;

/** Reductions, variance (two passes: means, then squared deviations) and arg-max/min: kernels/reduce.cu. */
final class ReductionKernels {
    private final KernelLauncher launcher;
    private final Temporaries temporaries;

    ReductionKernels(KernelLauncher launcher, Temporaries temporaries) {
        this.launcher = launcher;
        this.temporaries = temporaries;
    }

    void reduce(ReduceOp op, Strided x, int[] dims, Strided out) {
        ReducedDims block = ReducedDims.of(x, dims);
        if (block.rank() > Geometry.MAX_DIMS) {
            Strided packed = temporaries.withDimsLast(x, dims);
            try {
                reduce(op, packed, dims, out);
            } finally {
                Temporaries.release(packed);
            }
            return;
        }
        run(op, x, block, out, 0, op == ReduceOp.MEAN, block.count());
    }

    void variance(Strided x, int[] dims, double correction, Strided out) {
        ReducedDims block = ReducedDims.of(x, dims);
        if (block.rank() > Geometry.MAX_DIMS) {
            Strided packed = temporaries.withDimsLast(x, dims);
            try {
                variance(packed, dims, correction, out);
            } finally {
                Temporaries.release(packed);
            }
            return;
        }
        if (Shapes.numel(out.shape()) == 0) {
            return;
        }
        Strided means = temporaries.contiguous(DType.FLOAT64, out.shape());
        try {
            run(ReduceOp.SUM, x, block, means, 0, true, block.count());
            run(ReduceOp.SUM, x, block, out, DeviceAddress.of(means), true, Math.max(0, block.count() - correction));
        } finally {
            Temporaries.release(means);
        }
    }

    /**
     * One reduction launch (plus the finishing launch when outputs are split).
     *
     * @param means address of per-output means (FLOAT64, in output order) to accumulate squared
     *              deviations from, or 0 to accumulate the values themselves
     */
    private void run(ReduceOp op, Strided x, ReducedDims block, Strided out, long means, boolean divide, double denominator) {
        Strided kept = ReducedDims.keptView(x, out.shape());
        Geometry geometry = Geometry.of(out, kept);
        long outputs = geometry.numel();
        if (outputs == 0) {
            return;
        }
        List<Geometry.Piece> pieces = geometry.pieces();
        ReductionPlan plan = ReductionPlan.of(outputs, block.count(), launcher.multiprocessors());
        if (pieces.size() > 1) {
            plan = new ReductionPlan(plan.threadsPerGroup(), 1);   // partials are indexed per launch
        }
        String kernel = "reduce_" + DeviceAddress.suffix(x.dtype());
        Storage partials = plan.splits() > 1 ? temporaries.allocate(Math.multiplyExact(outputs, plan.splits()) * Long.BYTES) : null;
        long partialsAddress = partials == null ? 0 : ((CudaStorage) partials).address();
        try {
            for (int p = 0; p < pieces.size(); p++) {
                Geometry.Piece piece = pieces.get(p);
                // pieces cover consecutive runs of outputs, so the means of piece p start at p * its output count
                long pieceMeans = means == 0 ? 0 : means + p * piece.geometry().numel() * Double.BYTES;
                KernelArgs args = KernelArgs.begin().words(piece.geometry().words())
                        .pointer(DeviceAddress.of(out) + piece.offsets()[0] * out.dtype().byteSize())
                        .pointer(DeviceAddress.of(kept) + piece.offsets()[1] * x.dtype().byteSize())
                        .words(block.words())
                        .i32(op.ordinal()).i32(out.dtype().ordinal()).i32(means != 0 ? 1 : 0).pointer(pieceMeans)
                        .i32(divide ? 1 : 0).f64(denominator).pointer(partialsAddress).i64(plan.splits()).i32(plan.threadsPerGroup());
                launcher.launch(KernelModule.REDUCE, kernel, plan.launch(piece.geometry().numel()), args);
            }
            if (partials != null) {
                String finish = x.dtype().isFloatingPoint() ? "reduce_finish_f64" : "reduce_finish_i64";
                long splits = plan.splits();
                launcher.launchStrided(KernelModule.REDUCE, finish, new Strided[] {out}, args -> args.pointer(partialsAddress)
                        .i64(splits).i32(op.ordinal()).i32(out.dtype().ordinal()).i32(divide ? 1 : 0).f64(denominator));
            }
        } finally {
            if (partials != null) {
                partials.release();
            }
        }
    }

    void argReduce(boolean max, Strided x, int dim, Strided out) {
        Strided kept = ReducedDims.keptView(x, out.shape());
        Geometry geometry = Geometry.of(out, kept);
        if (geometry.numel() == 0) {
            return;
        }
        long size = x.size(dim);
        int tpo = ReductionPlan.threadsPerGroup(size);
        String kernel = "argreduce_" + DeviceAddress.suffix(x.dtype());
        for (Geometry.Piece piece : geometry.pieces()) {
            KernelArgs args = KernelArgs.begin().words(piece.geometry().words())
                    .pointer(DeviceAddress.of(out) + piece.offsets()[0] * Long.BYTES)
                    .pointer(DeviceAddress.of(kept) + piece.offsets()[1] * x.dtype().byteSize())
                    .i64(size).i64(x.stride(dim)).i32(max ? 1 : 0).i32(tpo);
            launcher.launch(KernelModule.REDUCE, kernel, LaunchConfig.forGroups(piece.geometry().numel(), tpo), args);
        }
    }
}
