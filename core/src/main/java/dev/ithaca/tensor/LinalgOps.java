package dev.ithaca.tensor;

import java.util.Arrays;

/** Matrix products and the sliding-window primitives convolution and pooling are built from. */
final class LinalgOps {
    private LinalgOps() {
    }

    /** {@code torch.matmul} semantics, including 1-D promotion and batch broadcasting. */
    static Tensor matmul(Tensor a, Tensor b) {
        OpChecks.sameBackend("matmul", a, b);
        if (a.dim() == 0 || b.dim() == 0) {
            throw new IllegalArgumentException("matmul: both arguments need at least 1 dimension, got shapes "
                    + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape()) + "; use mul for scalars");
        }
        if (a.dtype() != b.dtype() || a.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("matmul: both arguments need the same numeric dtype, got " + a.dtype()
                    + " and " + b.dtype());
        }
        boolean vectorA = a.dim() == 1;
        boolean vectorB = b.dim() == 1;
        // views only where the shapes need them: every alias would be one more node on the tape
        try (Operands operands = new Operands()) {
            Tensor a2 = vectorA ? operands.keep(a.unsqueeze(0)) : a;
            Tensor b2 = vectorB ? operands.keep(b.unsqueeze(1)) : b;
            long[] sa = a2.shape();
            long[] sb = b2.shape();
            long m = sa[sa.length - 2];
            long k = sa[sa.length - 1];
            long n = sb[sb.length - 1];
            if (sb[sb.length - 2] != k) {
                throw new IllegalArgumentException("matmul: shapes " + Arrays.toString(a.shape()) + " and "
                        + Arrays.toString(b.shape()) + " cannot be multiplied (" + k + " != " + sb[sb.length - 2]
                        + ": the last dim of the first must equal the second-to-last of the second)");
            }
            Tensor out;
            if (sa.length > 2 && sb.length == 2) {
                out = folded(a2, b2, n);
            } else {
                long[] batch = Shapes.broadcast("matmul", Arrays.copyOf(sa, sa.length - 2), Arrays.copyOf(sb, sb.length - 2));
                Tensor ea = operands.as(a2, a2.dtype(), append(batch, m, k));
                Tensor eb = operands.as(b2, b2.dtype(), append(batch, k, n));
                out = Tensor.empty(a.backend(), a.dtype(), append(batch, m, n));
                a.backend().matmul(ea.strided(), eb.strided(), out.strided());
                LinalgGrads.matmul(ea, eb, out);
            }
            if (!vectorA && !vectorB) {
                return out;
            }
            try (out) {
                Tensor squeezed = vectorA ? out.squeeze(-2) : out.alias();
                if (!vectorB) {
                    return squeezed;
                }
                try (squeezed) {
                    return squeezed.squeeze(-1);
                }
            }
        }
    }

    /**
     * [..., M, K] @ [K, N] as PyTorch does it: a's batch dims fold into its rows, so it is one gemm
     * rather than one per batch entry, and the backward gives b one 2-D gradient instead of one per
     * batch entry that would then be summed.
     */
    private static Tensor folded(Tensor a, Tensor b, long n) {
        long[] shape = a.shape();
        long k = shape[shape.length - 1];
        shape[shape.length - 1] = n;
        long rowCount = Shapes.numel(Arrays.copyOf(shape, shape.length - 1));
        try (Tensor rows = a.reshape(rowCount, k); Tensor product = matmul(rows, b)) {
            return product.reshape(shape);
        }
    }

    static Tensor softmax(Tensor x, int dim, boolean log) {
        String name = log ? "logSoftmax" : "softmax";
        x.checkAlive(name);
        OpChecks.requireFloating(name, x);
        int d = Shapes.normalizeDim(name, dim, x.dim());
        Tensor out = Tensor.empty(x.backend(), x.dtype(), x.shape());
        if (x.dim() == 0) {
            x.backend().fill(out.strided(), log ? 0 : 1);
        } else {
            x.backend().softmax(x.strided(), d, log, out.strided());
            LinalgGrads.softmax(x, out, d, log);
        }
        return out;
    }

    static Tensor im2col(Tensor image, Window2d window) {
        image.checkAlive("im2col");
        OpChecks.requireRank("im2col", "input", image, 4);
        long[] s = image.shape();
        long[] out = outputSize("im2col", window, s[2], s[3], "input of shape " + Arrays.toString(s));
        Tensor cols = Tensor.empty(image.backend(), image.dtype(),
                new long[] {s[0], s[1] * window.kernelH() * window.kernelW(), out[0] * out[1]});
        image.backend().im2col(image.strided(), window, cols.strided());
        return LinalgGrads.im2col(image, cols, window);
    }

    static Tensor col2im(Tensor cols, Window2d window, long height, long width) {
        cols.checkAlive("col2im");
        OpChecks.requireRank("col2im", "columns", cols, 3);
        long[] s = cols.shape();
        long kernelArea = (long) window.kernelH() * window.kernelW();
        long[] out = outputSize("col2im", window, height, width, "an image of " + height + "x" + width);
        long blocks = out[0] * out[1];
        if (s[1] % kernelArea != 0 || s[2] != blocks) {
            throw new IllegalArgumentException("col2im: columns of shape " + Arrays.toString(s) + " do not match a "
                    + window.kernelH() + "x" + window.kernelW() + " window over " + height + "x" + width
                    + " (expected [N, C*" + kernelArea + ", " + blocks + "])");
        }
        Tensor image = TensorCreation.full(cols.backend(), cols.dtype(), 0, new long[] {s[0], s[1] / kernelArea, height, width});
        cols.backend().col2im(cols.strided(), window, image.strided());
        return LinalgGrads.col2im(cols, image, window);
    }

    static MaxPoolResult maxPool2d(Tensor x, Window2d window) {
        x.checkAlive("maxPool2d");
        OpChecks.requireRank("maxPool2d", "input", x, 4);
        requirePadWithinHalfKernel("maxPool2d", window);
        long[] outShape = pooledShape("maxPool2d", x, window);
        Tensor values = Tensor.empty(x.backend(), x.dtype(), outShape);
        Tensor indices = Tensor.empty(x.backend(), DType.INT64, outShape);
        x.backend().maxPool2d(x.strided(), window, values.strided(), indices.strided());
        MaxPoolResult result = new MaxPoolResult(values, indices);
        LinalgGrads.maxPool2d(x, result);
        return result;
    }

    static Tensor avgPool2d(Tensor x, Window2d window, boolean countIncludePad) {
        x.checkAlive("avgPool2d");
        OpChecks.requireRank("avgPool2d", "input", x, 4);
        OpChecks.requireFloating("avgPool2d", x);
        requirePadWithinHalfKernel("avgPool2d", window);
        if (window.dilationH() != 1 || window.dilationW() != 1) {
            throw new IllegalArgumentException("avgPool2d: dilation must be 1 (as in PyTorch), got "
                    + window.dilationH() + "x" + window.dilationW());
        }
        Tensor out = Tensor.empty(x.backend(), x.dtype(), pooledShape("avgPool2d", x, window));
        x.backend().avgPool2d(x.strided(), window, countIncludePad, out.strided());
        return LinalgGrads.avgPool2d(x, out, window, countIncludePad);
    }

    private static long[] pooledShape(String op, Tensor x, Window2d window) {
        long[] s = x.shape();
        long[] out = outputSize(op, window, s[2], s[3], "input of shape " + Arrays.toString(s));
        return new long[] {s[0], s[1], out[0], out[1]};
    }

    /** The window's output [height, width] over an input, or an error naming the op and that input. */
    private static long[] outputSize(String op, Window2d window, long height, long width, String input) {
        try {
            return new long[] {window.outputHeight(height), window.outputWidth(width)};
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + input + ": " + e.getMessage(), e);
        }
    }

    /** PyTorch's rule: padding may be at most half the kernel, so every window sees a real cell. */
    private static void requirePadWithinHalfKernel(String op, Window2d w) {
        if (w.padH() * 2 > w.kernelH() || w.padW() * 2 > w.kernelW()) {
            throw new IllegalArgumentException(op + ": padding (" + w.padH() + ", " + w.padW()
                    + ") must be at most half the kernel (" + w.kernelH() + ", " + w.kernelW() + ")");
        }
    }

    private static long[] append(long[] batch, long rows, long cols) {
        long[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = rows;
        out[batch.length + 1] = cols;
        return out;
    }
}
