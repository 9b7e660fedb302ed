package dev.ithaca.tck;

import dev.ithaca.tensor.Window2d;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Naive plain-Java reference implementations the conformance tests compare backends against.
 * Everything works on row-major {@code double[]} values with an explicit shape, one element at a
 * time, in the most direct way the operation can be written: slow, obvious and independent of
 * any backend code.
 */
public final class Reference {
    private Reference() {
    }

    // ---- indexing ------------------------------------------------------------------------------

    public static long[] strides(long[] shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= shape[d];
        }
        return strides;
    }

    public static long numel(long[] shape) {
        return Samples.numel(shape);
    }

    /** The multi-index of row-major position {@code flat}. */
    public static long[] unravel(long flat, long[] shape) {
        long[] index = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }

    public static long ravel(long[] index, long[] shape) {
        long flat = 0;
        for (int d = 0; d < shape.length; d++) {
            flat = flat * shape[d] + index[d];
        }
        return flat;
    }

    // ---- elementwise ---------------------------------------------------------------------------

    public static double[] map(double[] x, DoubleUnaryOperator f) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = f.applyAsDouble(x[i]);
        }
        return out;
    }

    /** NumPy broadcasting of two shapes (trailing dims aligned, size 1 stretches). */
    public static long[] broadcastShape(long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long sa = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            long sb = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (sa != sb && sa != 1 && sb != 1) {
                throw new IllegalArgumentException("test bug: shapes do not broadcast");
            }
            out[i] = sa == 1 ? sb : sa;
        }
        return out;
    }

    /** The values of {@code x} repeated out to {@code target} by broadcasting. */
    public static double[] broadcastTo(double[] x, long[] shape, long[] target) {
        double[] out = new double[(int) numel(target)];
        int lead = target.length - shape.length;
        for (int i = 0; i < out.length; i++) {
            long[] index = unravel(i, target);
            long[] source = new long[shape.length];
            for (int d = 0; d < shape.length; d++) {
                source[d] = shape[d] == 1 ? 0 : index[d + lead];
            }
            out[i] = x[(int) ravel(source, shape)];
        }
        return out;
    }

    /** {@code f(a, b)} elementwise after broadcasting both to their common shape. */
    public static double[] binary(double[] a, long[] sa, double[] b, long[] sb, DoubleBinaryOperator f) {
        long[] shape = broadcastShape(sa, sb);
        double[] x = broadcastTo(a, sa, shape);
        double[] y = broadcastTo(b, sb, shape);
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(x[i], y[i]);
        }
        return out;
    }

    /** Axes reordered: output dim {@code i} is input dim {@code perm[i]}. */
    public static double[] permute(double[] x, long[] shape, int... perm) {
        long[] outShape = new long[shape.length];
        for (int i = 0; i < perm.length; i++) {
            outShape[i] = shape[perm[i]];
        }
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            long[] index = unravel(i, outShape);
            long[] source = new long[shape.length];
            for (int d = 0; d < perm.length; d++) {
                source[perm[d]] = index[d];
            }
            out[i] = x[(int) ravel(source, shape)];
        }
        return out;
    }

    // ---- reductions ----------------------------------------------------------------------------

    /** Shape after reducing {@code dims}: size 1 there, or removed without keepDim. */
    public static long[] reducedShape(long[] shape, int[] dims, boolean keepDim) {
        boolean[] reduced = reducedMask(shape.length, dims);
        int kept = 0;
        for (boolean r : reduced) {
            kept += r ? 0 : 1;
        }
        long[] out = new long[keepDim ? shape.length : kept];
        for (int d = 0, j = 0; d < shape.length; d++) {
            if (!reduced[d]) {
                out[j++] = shape[d];
            } else if (keepDim) {
                out[j++] = 1;
            }
        }
        return out;
    }

    /** Folds every element into its output cell, starting each cell at {@code identity}; row-major output order. */
    public static double[] reduce(double[] x, long[] shape, int[] dims, double identity, DoubleBinaryOperator combine) {
        long[] outShape = reducedShape(shape, dims, true);
        boolean[] reduced = reducedMask(shape.length, dims);
        double[] out = new double[(int) numel(outShape)];
        java.util.Arrays.fill(out, identity);
        for (int i = 0; i < x.length; i++) {
            long[] index = unravel(i, shape);
            for (int d = 0; d < shape.length; d++) {
                if (reduced[d]) {
                    index[d] = 0;
                }
            }
            int o = (int) ravel(index, outShape);
            out[o] = combine.applyAsDouble(out[o], x[i]);
        }
        return out;
    }

    public static double[] sum(double[] x, long[] shape, int... dims) {
        return reduce(x, shape, dims, 0, Double::sum);
    }

    /** Two-pass variance with Bessel-style {@code correction}. */
    public static double[] variance(double[] x, long[] shape, int[] dims, double correction) {
        double[] count = reduce(x, shape, dims, 0, (acc, v) -> acc + 1);
        double[] mean = sum(x, shape, dims);
        for (int i = 0; i < mean.length; i++) {
            mean[i] /= count[i];
        }
        long[] outShape = reducedShape(shape, dims, true);
        double[] centered = binary(x, shape, mean, outShape, (v, m) -> (v - m) * (v - m));
        double[] squares = sum(centered, shape, dims);
        for (int i = 0; i < squares.length; i++) {
            squares[i] /= Math.max(0, count[i] - correction);
        }
        return squares;
    }

    /** Index along {@code dim} of the first maximum (or minimum); a NaN counts as the extreme. */
    public static long[] argExtreme(double[] x, long[] shape, int dim, boolean max) {
        long[] outShape = reducedShape(shape, new int[] {dim}, true);
        long[] out = new long[(int) numel(outShape)];
        for (int o = 0; o < out.length; o++) {
            long[] index = unravel(o, outShape);
            index[dim] = 0;
            double best = x[(int) ravel(index, shape)];
            for (long j = 1; j < shape[dim] && !Double.isNaN(best); j++) {
                index[dim] = j;
                double v = x[(int) ravel(index, shape)];
                if (Double.isNaN(v) || (max ? v > best : v < best)) {
                    best = v;
                    out[o] = j;
                }
            }
        }
        return out;
    }

    // ---- linear algebra --------------------------------------------------------------------------

    /** [m, k] times [k, n], the textbook triple loop. */
    public static double[] matmul(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int p = 0; p < k; p++) {
                    acc += a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = acc;
            }
        }
        return c;
    }

    /** Softmax along {@code dim} as exp(x - logsumexp(x)), or that log-probability itself. */
    public static double[] softmax(double[] x, long[] shape, int dim, boolean log) {
        long[] rowShape = reducedShape(shape, new int[] {dim}, true);
        double[] out = new double[x.length];
        for (int r = 0; r < numel(rowShape); r++) {
            long[] index = unravel(r, rowShape);
            double max = Double.NEGATIVE_INFINITY;
            for (long j = 0; j < shape[dim]; j++) {
                index[dim] = j;
                max = Math.max(max, x[(int) ravel(index, shape)]);
            }
            double sum = 0;
            for (long j = 0; j < shape[dim]; j++) {
                index[dim] = j;
                sum += Math.exp(x[(int) ravel(index, shape)] - max);
            }
            double logSumExp = max + Math.log(sum);
            for (long j = 0; j < shape[dim]; j++) {
                index[dim] = j;
                int i = (int) ravel(index, shape);
                out[i] = log ? x[i] - logSumExp : Math.exp(x[i] - logSumExp);
            }
        }
        return out;
    }

    // ---- sliding windows -------------------------------------------------------------------------

    /** PyTorch's output length of a window sliding over {@code in} cells. */
    public static int outSize(long in, int kernel, int stride, int pad, int dilation) {
        return (int) ((in + 2L * pad - (long) dilation * (kernel - 1) - 1) / stride + 1);
    }

    /** image [N, C, H, W] to columns [N, C*kH*kW, outH*outW]; cells in the padding read as 0. */
    public static double[] im2col(double[] image, long[] shape, Window2d w) {
        int n = (int) shape[0], c = (int) shape[1], h = (int) shape[2], wd = (int) shape[3];
        int oh = outSize(h, w.kernelH(), w.strideH(), w.padH(), w.dilationH());
        int ow = outSize(wd, w.kernelW(), w.strideW(), w.padW(), w.dilationW());
        int rows = c * w.kernelH() * w.kernelW();
        double[] cols = new double[n * rows * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int ki = 0; ki < w.kernelH(); ki++) {
                    for (int kj = 0; kj < w.kernelW(); kj++) {
                        int row = (ch * w.kernelH() + ki) * w.kernelW() + kj;
                        for (int y = 0; y < oh; y++) {
                            for (int x = 0; x < ow; x++) {
                                int ih = y * w.strideH() - w.padH() + ki * w.dilationH();
                                int iw = x * w.strideW() - w.padW() + kj * w.dilationW();
                                boolean inside = ih >= 0 && ih < h && iw >= 0 && iw < wd;
                                cols[((b * rows + row) * oh + y) * ow + x] =
                                        inside ? image[((b * c + ch) * h + ih) * wd + iw] : 0;
                            }
                        }
                    }
                }
            }
        }
        return cols;
    }

    /** The adjoint of {@link #im2col}: every column entry added back onto the image cell it came from. */
    public static double[] col2im(double[] cols, long[] imageShape, Window2d w) {
        int n = (int) imageShape[0], c = (int) imageShape[1], h = (int) imageShape[2], wd = (int) imageShape[3];
        int oh = outSize(h, w.kernelH(), w.strideH(), w.padH(), w.dilationH());
        int ow = outSize(wd, w.kernelW(), w.strideW(), w.padW(), w.dilationW());
        int rows = c * w.kernelH() * w.kernelW();
        double[] image = new double[n * c * h * wd];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int ki = 0; ki < w.kernelH(); ki++) {
                    for (int kj = 0; kj < w.kernelW(); kj++) {
                        int row = (ch * w.kernelH() + ki) * w.kernelW() + kj;
                        for (int y = 0; y < oh; y++) {
                            for (int x = 0; x < ow; x++) {
                                int ih = y * w.strideH() - w.padH() + ki * w.dilationH();
                                int iw = x * w.strideW() - w.padW() + kj * w.dilationW();
                                if (ih >= 0 && ih < h && iw >= 0 && iw < wd) {
                                    image[((b * c + ch) * h + ih) * wd + iw] += cols[((b * rows + row) * oh + y) * ow + x];
                                }
                            }
                        }
                    }
                }
            }
        }
        return image;
    }

    /**
     * Max pooling: {@code [0]} the maxima, {@code [1]} their flat positions {@code ih*W + iw} in the
     * input plane. Padding never wins; the first maximum wins ties; a NaN wins over numbers.
     */
    public static double[][] maxPool2d(double[] x, long[] shape, Window2d w) {
        int planes = (int) (shape[0] * shape[1]), h = (int) shape[2], wd = (int) shape[3];
        int oh = outSize(h, w.kernelH(), w.strideH(), w.padH(), w.dilationH());
        int ow = outSize(wd, w.kernelW(), w.strideW(), w.padW(), w.dilationW());
        double[] values = new double[planes * oh * ow];
        double[] indices = new double[values.length];
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < oh; y++) {
                for (int xo = 0; xo < ow; xo++) {
                    double best = Double.NEGATIVE_INFINITY;
                    int at = -1;
                    for (int ki = 0; ki < w.kernelH(); ki++) {
                        for (int kj = 0; kj < w.kernelW(); kj++) {
                            int ih = y * w.strideH() - w.padH() + ki * w.dilationH();
                            int iw = xo * w.strideW() - w.padW() + kj * w.dilationW();
                            if (ih < 0 || ih >= h || iw < 0 || iw >= wd) {
                                continue;
                            }
                            double v = x[(p * h + ih) * wd + iw];
                            boolean wins = at < 0 || (!Double.isNaN(best) && (v > best || Double.isNaN(v)));
                            if (wins) {
                                best = v;
                                at = ih * wd + iw;
                            }
                        }
                    }
                    values[(p * oh + y) * ow + xo] = best;
                    indices[(p * oh + y) * ow + xo] = at;
                }
            }
        }
        return new double[][] {values, indices};
    }

    /**
     * Average pooling. Windows never reach past the padded border here (no ceil mode), so with
     * {@code countIncludePad} the divisor is the whole kernel area; without it, the cells inside the input.
     */
    public static double[] avgPool2d(double[] x, long[] shape, Window2d w, boolean countIncludePad) {
        int planes = (int) (shape[0] * shape[1]), h = (int) shape[2], wd = (int) shape[3];
        int oh = outSize(h, w.kernelH(), w.strideH(), w.padH(), 1);
        int ow = outSize(wd, w.kernelW(), w.strideW(), w.padW(), 1);
        double[] out = new double[planes * oh * ow];
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < oh; y++) {
                for (int xo = 0; xo < ow; xo++) {
                    double sum = 0;
                    int inside = 0;
                    for (int ki = 0; ki < w.kernelH(); ki++) {
                        for (int kj = 0; kj < w.kernelW(); kj++) {
                            int ih = y * w.strideH() - w.padH() + ki;
                            int iw = xo * w.strideW() - w.padW() + kj;
                            if (ih >= 0 && ih < h && iw >= 0 && iw < wd) {
                                sum += x[(p * h + ih) * wd + iw];
                                inside++;
                            }
                        }
                    }
                    out[(p * oh + y) * ow + xo] = sum / (countIncludePad ? w.kernelH() * w.kernelW() : inside);
                }
            }
        }
        return out;
    }

    // ---- special functions -----------------------------------------------------------------------

    /**
     * erf by its Maclaurin series 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1)); accurate to about 1e-12
     * for |x| ≤ 3, which is all the tests use it for.
     */
    public static double erf(double x) {
        if (Math.abs(x) > 3) {
            throw new IllegalArgumentException("test bug: reference erf is only accurate for |x| <= 3, got " + x);
        }
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= -x * x / n;
            double contribution = term / (2 * n + 1);
            sum += contribution;
            if (Math.abs(contribution) < 1e-18) {
                break;
            }
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    private static boolean[] reducedMask(int rank, int[] dims) {
        boolean[] mask = new boolean[rank];
        for (int d : dims) {
            mask[d < 0 ? d + rank : d] = true;
        }
        return mask;
    }
}
