package dev.ithaca.tensor;

/** Backward of matmul, softmax and the sliding-window primitives. */
final class LinalgGrads {
    private LinalgGrads() {
    }

    /** a [..., M, K] and b [..., K, N] already broadcast to the output's batch dims. */
    static Tensor matmul(Tensor a, Tensor b, Tensor out) {
        boolean bColumnMajor = isColumnMajor(b);
        return History.record(out, "MmBackward", new Tensor[] {a, b}, new Tensor[] {a, b}, (g, s, n) -> new Tensor[] {
                n[0] ? g.matmul(s[1].transpose(-1, -2)) : null,
                n[1] ? secondOperandGrad(g, s[0], bColumnMajor) : null});
    }

    /**
     * aᵀ g, laid out like b, as PyTorch's mm_mat2_backward: when b is a transposed view (a Linear's
     * {@code weight.t()}), computing (gᵀ a)ᵀ makes the gradient that reaches the weight contiguous,
     * so accumulating it is a plain copy instead of a strided transpose of the whole matrix.
     */
    private static Tensor secondOperandGrad(Tensor g, Tensor a, boolean columnMajor) {
        if (!columnMajor) {
            return a.transpose(-1, -2).matmul(g);
        }
        try (Tensor gt = g.transpose(-1, -2); Tensor product = gt.matmul(a)) {
            return product.transpose(-1, -2);
        }
    }

    /** True when the last two dims are a transposed contiguous matrix (unit stride down the rows). */
    private static boolean isColumnMajor(Tensor m) {
        long[] shape = m.shape();
        long[] strides = m.strides();
        int r = shape.length;
        return shape[r - 2] > 1 && shape[r - 1] > 1 && strides[r - 2] == 1 && strides[r - 1] == shape[r - 2];
    }

    static Tensor softmax(Tensor x, Tensor out, int dim, boolean log) {
        if (log) {
            return History.record(out, "LogSoftmaxBackward", new Tensor[] {x}, new Tensor[] {out},
                    (g, s, n) -> new Tensor[] {g.sub(s[0].exp().mul(g.sum(dim, true)))});
        }
        return History.record(out, "SoftmaxBackward", new Tensor[] {x}, new Tensor[] {out},
                (g, s, n) -> new Tensor[] {s[0].mul(g.sub(g.mul(s[0]).sum(dim, true)))});
    }

    static Tensor im2col(Tensor image, Tensor out, Window2d window) {
        long height = image.size(2);
        long width = image.size(3);
        return History.record(out, "Im2ColBackward", new Tensor[] {image},
                (g, s, n) -> new Tensor[] {g.col2im(window, height, width)});
    }

    static Tensor col2im(Tensor columns, Tensor out, Window2d window) {
        return History.record(out, "Col2ImBackward", new Tensor[] {columns}, (g, s, n) -> new Tensor[] {g.im2col(window)});
    }

    /** The gradient of each output cell goes to the input position its maximum came from. */
    static Tensor maxPool2d(Tensor x, MaxPoolResult result) {
        long[] shape = x.shape();
        return History.record(result.values(), "MaxPool2DBackward", new Tensor[] {x}, new Tensor[] {result.indices()},
                (g, s, n) -> {
                    Tensor flatGrad = g.reshape(shape[0], shape[1], -1);
                    Tensor flatIndex = s[0].reshape(shape[0], shape[1], -1);
                    Tensor zeros = TensorCreation.full(g.backend(), g.dtype(), 0, new long[] {shape[0], shape[1], shape[2] * shape[3]});
                    return new Tensor[] {zeros.scatterAdd(2, flatIndex, flatGrad).reshape(shape)};
                });
    }

    /** Each output cell's gradient, divided by its window's divisor, spread over the window via col2im. */
    static Tensor avgPool2d(Tensor x, Tensor out, Window2d window, boolean countIncludePad) {
        long[] shape = x.shape();
        return History.record(out, "AvgPool2DBackward", new Tensor[] {x}, (g, s, n) -> {
            long kernelArea = (long) window.kernelH() * window.kernelW();
            long cells = g.size(2) * g.size(3);
            Tensor divisor;
            if (countIncludePad) {
                divisor = TensorCreation.full(g.backend(), g.dtype(), kernelArea, new long[0]);
            } else {
                Tensor ones = TensorCreation.full(g.backend(), g.dtype(), 1, new long[] {1, 1, shape[2], shape[3]});
                divisor = ones.im2col(window).sum(1, true).reshape(1, 1, 1, cells);
            }
            Tensor spread = g.reshape(shape[0], shape[1], 1, cells).div(divisor)
                    .expand(shape[0], shape[1], kernelArea, cells).reshape(shape[0], shape[1] * kernelArea, cells);
            return new Tensor[] {spread.col2im(window, shape[2], shape[3])};
        });
    }
}
