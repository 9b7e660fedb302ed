package dev.ithaca.tck.nn;

import dev.ithaca.tck.Reference;

/**
 * Plain-Java references for the layers, written as directly as the definitions read (one output
 * element at a time, no im2col, no matrix tricks), so they share nothing with the code under test.
 * Arrays are row-major.
 */
public final class NnReference {
    private NnReference() {
    }

    /** {@code y[r][o] = b[o] + Σ_k x[r][k] w[o][k]} for {@code rows} rows; {@code b} may be null. */
    public static double[] linear(double[] x, int rows, int in, double[] w, double[] b, int out) {
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double acc = b == null ? 0 : b[o];
                for (int k = 0; k < in; k++) {
                    acc += x[r * in + k] * w[o * in + k];
                }
                y[r * out + o] = acc;
            }
        }
        return y;
    }

    /** The shape a convolution produces. */
    public static long[] convShape(long[] x, int outChannels, ConvSpec s) {
        return new long[] {x[0], outChannels,
                Reference.outSize(x[2], s.kernelH(), s.strideH(), s.padH(), s.dilationH()),
                Reference.outSize(x[3], s.kernelW(), s.strideW(), s.padW(), s.dilationW())};
    }

    /**
     * Direct grouped convolution: output channel {@code o} in group {@code g = o / (out/groups)} sums
     * over that group's input channels and the dilated kernel taps that land inside the input.
     */
    public static double[] conv2d(double[] x, long[] xShape, double[] w, int outChannels, double[] b, ConvSpec s) {
        int n = (int) xShape[0], c = (int) xShape[1], h = (int) xShape[2], wd = (int) xShape[3];
        long[] outShape = convShape(xShape, outChannels, s);
        int oh = (int) outShape[2], ow = (int) outShape[3];
        int inPerGroup = c / s.groups();
        int outPerGroup = outChannels / s.groups();
        double[] y = new double[n * outChannels * oh * ow];
        for (int img = 0; img < n; img++) {
            for (int o = 0; o < outChannels; o++) {
                int group = o / outPerGroup;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double acc = b == null ? 0 : b[o];
                        for (int ci = 0; ci < inPerGroup; ci++) {
                            int channel = group * inPerGroup + ci;
                            for (int ky = 0; ky < s.kernelH(); ky++) {
                                for (int kx = 0; kx < s.kernelW(); kx++) {
                                    int iy = oy * s.strideH() - s.padH() + ky * s.dilationH();
                                    int ix = ox * s.strideW() - s.padW() + kx * s.dilationW();
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= wd) {
                                        continue;
                                    }
                                    double weight = w[((o * inPerGroup + ci) * s.kernelH() + ky) * s.kernelW() + kx];
                                    acc += weight * x[((img * c + channel) * h + iy) * wd + ix];
                                }
                            }
                        }
                        y[((img * outChannels + o) * oh + oy) * ow + ox] = acc;
                    }
                }
            }
        }
        return y;
    }

    /** PyTorch's adaptive average pooling: cell i covers rows [floor(i*H/oh), ceil((i+1)*H/oh)). */
    public static double[] adaptiveAvgPool2d(double[] x, long[] shape, int oh, int ow) {
        int planes = (int) (shape[0] * shape[1]), h = (int) shape[2], w = (int) shape[3];
        double[] y = new double[planes * oh * ow];
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < oh; i++) {
                int y0 = (int) Math.floor((double) i * h / oh);
                int y1 = (int) Math.ceil((double) (i + 1) * h / oh);
                for (int j = 0; j < ow; j++) {
                    int x0 = (int) Math.floor((double) j * w / ow);
                    int x1 = (int) Math.ceil((double) (j + 1) * w / ow);
                    double sum = 0;
                    for (int r = y0; r < y1; r++) {
                        for (int q = x0; q < x1; q++) {
                            sum += x[(p * h + r) * w + q];
                        }
                    }
                    y[(p * oh + i) * ow + j] = sum / ((y1 - y0) * (x1 - x0));
                }
            }
        }
        return y;
    }

    /** Each of {@code rows} rows of {@code size} values normalized with its mean and biased variance; w, b may be null. */
    public static double[] layerNorm(double[] x, int rows, int size, double[] w, double[] b, double eps) {
        double[] y = new double[x.length];
        for (int r = 0; r < rows; r++) {
            double mean = 0;
            for (int i = 0; i < size; i++) {
                mean += x[r * size + i];
            }
            mean /= size;
            double var = 0;
            for (int i = 0; i < size; i++) {
                double d = x[r * size + i] - mean;
                var += d * d;
            }
            var /= size;
            for (int i = 0; i < size; i++) {
                double v = (x[r * size + i] - mean) / Math.sqrt(var + eps);
                y[r * size + i] = v * (w == null ? 1 : w[i]) + (b == null ? 0 : b[i]);
            }
        }
        return y;
    }

    /** Per-channel mean over every dim but 1 of {@code [N, C, ...]}. */
    public static double[] channelMean(double[] x, long[] shape) {
        int c = (int) shape[1];
        int inner = (int) (Reference.numel(shape) / (shape[0] * c));
        double[] mean = new double[c];
        for (int i = 0; i < x.length; i++) {
            mean[(i / inner) % c] += x[i];
        }
        long count = Reference.numel(shape) / c;
        for (int ch = 0; ch < c; ch++) {
            mean[ch] /= count;
        }
        return mean;
    }

    /** Per-channel variance with {@code correction} (0 biased, 1 unbiased) over every dim but 1. */
    public static double[] channelVariance(double[] x, long[] shape, int correction) {
        int c = (int) shape[1];
        int inner = (int) (Reference.numel(shape) / (shape[0] * c));
        double[] mean = channelMean(x, shape);
        double[] var = new double[c];
        for (int i = 0; i < x.length; i++) {
            int ch = (i / inner) % c;
            var[ch] += (x[i] - mean[ch]) * (x[i] - mean[ch]);
        }
        long count = Reference.numel(shape) / c;
        for (int ch = 0; ch < c; ch++) {
            var[ch] /= count - correction;
        }
        return var;
    }

    /** {@code (x - mean[c]) / sqrt(var[c] + eps) * w[c] + b[c]} for {@code [N, C, ...]}; w, b may be null. */
    public static double[] batchNorm(double[] x, long[] shape, double[] mean, double[] var, double[] w, double[] b, double eps) {
        int c = (int) shape[1];
        int inner = (int) (Reference.numel(shape) / (shape[0] * c));
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int ch = (i / inner) % c;
            y[i] = (x[i] - mean[ch]) / Math.sqrt(var[ch] + eps) * (w == null ? 1 : w[ch]) + (b == null ? 0 : b[ch]);
        }
        return y;
    }

    public static double geluExact(double x) {
        return 0.5 * x * (1 + Reference.erf(x / Math.sqrt(2)));
    }

    public static double geluTanh(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    /**
     * Causal multi-head self-attention of {@code x [B, T, D]} from the weights of a combined
     * projection ({@code wQkv [3D, D]}, rows q then k then v) and an output projection
     * ({@code wProj [D, D]}); biases may be null. Written per (batch, head, query) with explicit sums.
     */
    public static double[] causalSelfAttention(double[] x, int batch, int time, int d, int heads,
                                               double[] wQkv, double[] bQkv, double[] wProj, double[] bProj) {
        double[] qkv = linear(x, batch * time, d, wQkv, bQkv, 3 * d);
        int hd = d / heads;
        double[] mixed = new double[batch * time * d];
        for (int bi = 0; bi < batch; bi++) {
            for (int h = 0; h < heads; h++) {
                for (int t = 0; t < time; t++) {
                    double[] scores = new double[t + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int s = 0; s <= t; s++) {
                        double dot = 0;
                        for (int e = 0; e < hd; e++) {
                            dot += qkv[(bi * time + t) * 3 * d + h * hd + e] * qkv[(bi * time + s) * 3 * d + d + h * hd + e];
                        }
                        scores[s] = dot / Math.sqrt(hd);
                        max = Math.max(max, scores[s]);
                    }
                    double total = 0;
                    for (int s = 0; s <= t; s++) {
                        scores[s] = Math.exp(scores[s] - max);
                        total += scores[s];
                    }
                    for (int e = 0; e < hd; e++) {
                        double acc = 0;
                        for (int s = 0; s <= t; s++) {
                            acc += scores[s] / total * qkv[(bi * time + s) * 3 * d + 2 * d + h * hd + e];
                        }
                        mixed[(bi * time + t) * d + h * hd + e] = acc;
                    }
                }
            }
        }
        return linear(mixed, batch * time, d, wProj, bProj, d);
    }

    /** Kernel, stride, padding, dilation (each per direction) and groups of a convolution case. */
    public record ConvSpec(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                           int dilationH, int dilationW, int groups) {
        public static ConvSpec square(int kernel, int stride, int pad, int dilation, int groups) {
            return new ConvSpec(kernel, kernel, stride, stride, pad, pad, dilation, dilation, groups);
        }
    }
}
