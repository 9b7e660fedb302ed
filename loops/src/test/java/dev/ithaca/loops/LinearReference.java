package dev.ithaca.loops;

import dev.ithaca.nn.Linear;
import dev.ithaca.tensor.Tensor;

import java.util.Map;

/**
 * A linear model {@code y = W x + b} trained with the mean squared error, in plain Java doubles: the
 * independent reference for the update rules the trainer applies (SGD, accumulation, clipping).
 * Parameters are flattened as the trainer's are: W row-major ({@code [out, in]}), then b.
 */
final class LinearReference {
    private LinearReference() {
    }

    /** Gradient of MSELoss (mean over rows and outputs) over rows {@code [from, to)} at {@code theta}. */
    static double[] mseGradient(double[] theta, SyntheticData data, int from, int to) {
        int in = data.features();
        int out = data.targetWidth();
        double[] g = new double[theta.length];
        double scale = 2.0 / ((to - from) * out);
        for (int i = from; i < to; i++) {
            for (int o = 0; o < out; o++) {
                double prediction = theta[out * in + o];
                for (int j = 0; j < in; j++) {
                    prediction += theta[o * in + j] * data.inputs()[i * in + j];
                }
                double d = scale * (prediction - data.targets()[i * out + o]);
                for (int j = 0; j < in; j++) {
                    g[o * in + j] += d * data.inputs()[i * in + j];
                }
                g[out * in + o] += d;
            }
        }
        return g;
    }

    /** {@code theta - lr * scale * g}. */
    static double[] step(double[] theta, double[] g, double lr, double scale) {
        double[] next = theta.clone();
        for (int i = 0; i < next.length; i++) {
            next[i] -= lr * scale * g[i];
        }
        return next;
    }

    static double[] sum(double[] a, double[] b) {
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i];
        }
        return out;
    }

    /** Writes {@code theta} into the layer (rounded to float) and returns the values the layer holds. */
    static double[] load(Linear layer, double[] theta, int in, int out) {
        float[] w = new float[out * in];
        float[] b = new float[out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) theta[i];
        }
        for (int o = 0; o < out; o++) {
            b[o] = (float) theta[out * in + o];
        }
        try (Tensor weight = Tensor.of(w, out, in); Tensor bias = Tensor.of(b, out)) {
            layer.loadStateDict(Map.of("weight", weight, "bias", bias), true);
        }
        double[] held = new double[theta.length];
        float[] flat = Models.flat(layer);
        for (int i = 0; i < flat.length; i++) {
            held[i] = flat[i];
        }
        return held;
    }
}
