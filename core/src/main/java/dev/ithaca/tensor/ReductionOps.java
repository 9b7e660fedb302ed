package dev.ithaca.tensor;

import dev.ithaca.spi.ReduceOp;

import java.util.Arrays;

/** Reductions: output shapes, dtypes and empty-input rules here, the loops in the backend. */
final class ReductionOps {
    private ReductionOps() {
    }

    static Tensor reduce(ReduceOp op, Tensor x, int[] dims, boolean keepDim) {
        String name = op.name().toLowerCase(java.util.Locale.ROOT);
        x.checkAlive(name);
        int[] reduced = Shapes.normalizeDims(name, dims, x.dim());
        DType outType = switch (op) {
            case SUM, PROD -> x.dtype().isFloatingPoint() ? x.dtype() : DType.INT64;
            case MEAN -> {
                if (!x.dtype().isFloatingPoint()) {
                    throw new IllegalArgumentException("mean: needs a floating-point tensor, got " + x.dtype()
                            + "; convert with .to(DType.FLOAT32) first");
                }
                yield x.dtype();
            }
            case MAX, MIN -> x.dtype();
        };
        if ((op == ReduceOp.MAX || op == ReduceOp.MIN) && hasEmptyReducedDim(x, reduced)) {
            throw new IllegalArgumentException(name + ": cannot reduce over an empty dimension of shape "
                    + Arrays.toString(x.shape()) + " (max and min have no identity); the reduced dims must have size > 0");
        }
        Tensor out = Tensor.empty(x.backend(), outType, keptShape(x.shape(), reduced));
        x.backend().reduce(op, x.strided(), reduced, out.strided());
        return finish(ReductionGrads.reduce(op, x, reduced, out), x.shape(), reduced, keepDim);
    }

    static Tensor variance(Tensor x, int[] dims, double correction, boolean keepDim) {
        x.checkAlive("var");
        OpChecks.requireFloating("var", x);
        if (!(correction >= 0)) {
            throw new IllegalArgumentException("var: correction must be >= 0, got " + correction);
        }
        int[] reduced = Shapes.normalizeDims("var", dims, x.dim());
        Tensor out = Tensor.empty(x.backend(), x.dtype(), keptShape(x.shape(), reduced));
        x.backend().variance(x.strided(), reduced, correction, out.strided());
        return finish(ReductionGrads.variance(x, reduced, correction, out), x.shape(), reduced, keepDim);
    }

    /** {@code dim == null} means over the flattened tensor. */
    static Tensor argReduce(boolean max, Tensor x, Integer dim, boolean keepDim) {
        String name = max ? "argmax" : "argmin";
        x.checkAlive(name);
        if (x.dtype() == DType.BOOL) {
            throw new IllegalArgumentException(name + ": not defined for BOOL tensors; convert with .to(DType.INT32) first");
        }
        if (dim == null) {
            if (x.numel() == 0) {
                throw new IllegalArgumentException(name + ": cannot take the " + name + " of an empty tensor");
            }
            try (Tensor flat = x.reshape(-1)) {
                Tensor out = Tensor.empty(x.backend(), DType.INT64, new long[] {1});
                x.backend().argReduce(max, flat.strided(), 0, out.strided());
                return finish(out, flat.shape(), new int[] {0}, false);
            }
        }
        int d = Shapes.normalizeDim(name, dim, Math.max(x.dim(), 1));
        if (x.dim() == 0) {
            return TensorCreation.full(x.backend(), DType.INT64, 0, new long[0]);
        }
        if (x.shape()[d] == 0) {
            throw new IllegalArgumentException(name + ": dim " + d + " of shape " + Arrays.toString(x.shape()) + " is empty");
        }
        Tensor out = Tensor.empty(x.backend(), DType.INT64, keptShape(x.shape(), new int[] {d}));
        x.backend().argReduce(max, x.strided(), d, out.strided());
        return finish(out, x.shape(), new int[] {d}, keepDim);
    }

    private static boolean hasEmptyReducedDim(Tensor x, int[] reduced) {
        if (x.dim() == 0) {
            return false;
        }
        long[] shape = x.shape();
        for (int d : reduced) {
            if (shape[d] == 0) {
                return true;
            }
        }
        return false;
    }

    /** Input shape with size 1 on each reduced dim. */
    static long[] keptShape(long[] shape, int[] reduced) {
        long[] out = shape.clone();
        for (int d : reduced) {
            out[d] = 1;
        }
        return out;
    }

    /** Drops the reduced size-1 dims unless the caller keeps them. */
    private static Tensor finish(Tensor out, long[] inputShape, int[] reduced, boolean keepDim) {
        if (keepDim) {
            return out;
        }
        long[] squeezed = new long[inputShape.length - reduced.length];
        int j = 0;
        for (int d = 0, r = 0; d < inputShape.length; d++) {
            if (r < reduced.length && reduced[r] == d) {
                r++;
            } else {
                squeezed[j++] = inputShape[d];
            }
        }
        try (out) {
            return ViewGrads.reshape(out, out.view(squeezed, Shapes.contiguousStrides(squeezed), 0));
        }
    }
}
