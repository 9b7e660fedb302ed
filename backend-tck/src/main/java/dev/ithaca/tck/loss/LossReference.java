package dev.ithaca.tck.loss;

import dev.ithaca.nn.loss.Reduction;

/**
 * PyTorch's documented loss formulas as plain double loops, written independently of the tensor
 * implementation: the other side of every value test. Class inputs are laid out row-major as
 * [n, c, s], where s is the product of the trailing dims d1, d2, ...
 */
final class LossReference {
    private LossReference() {
    }

    /**
     * Per-position losses and the weight each position adds to MEAN's denominator (1 unless a
     * class weight or an ignored target says otherwise).
     */
    record PerPosition(double[] loss, double[] weight) {
        static PerPosition unweighted(double[] loss) {
            double[] ones = new double[loss.length];
            java.util.Arrays.fill(ones, 1);
            return new PerPosition(loss, ones);
        }

        /** What a loss with this reduction returns: all values for NONE, else the one reduced value. */
        double[] reduce(Reduction reduction) {
            return switch (reduction) {
                case NONE -> loss.clone();
                case SUM -> new double[] {sum(loss)};
                case MEAN -> new double[] {sum(loss) / sum(weight)};
            };
        }
    }

    static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }

    /** {@code log(exp(x_k) / Σ_j exp(x_j))} over the class dim, with the row maximum taken out of every exponent. */
    static double[] logSoftmax(double[] x, int n, int c, int s) {
        double[] out = new double[x.length];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < s; p++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < c; k++) {
                    max = Math.max(max, x[(i * c + k) * s + p]);
                }
                double denominator = 0;
                for (int k = 0; k < c; k++) {
                    denominator += Math.exp(x[(i * c + k) * s + p] - max);
                }
                for (int k = 0; k < c; k++) {
                    out[(i * c + k) * s + p] = Math.log(Math.exp(x[(i * c + k) * s + p] - max) / denominator);
                }
            }
        }
        return out;
    }

    /** {@code -weight[y]·logp[y]} per position [n, s]; 0 with weight 0 where the target is the ignore index. */
    static PerPosition nll(double[] logp, int n, int c, int s, long[] target, double[] classWeight, long ignoreIndex) {
        return crossEntropyOfLogProbs(logp, n, c, s, target, classWeight, ignoreIndex, 0);
    }

    /**
     * PyTorch's cross entropy of class indices with label smoothing ε:
     * {@code (1-ε)·weight[y]·(-log p_y) + ε/C·Σ_k weight[k]·(-log p_k)}; MEAN divides by Σ weight[y]
     * over the counted positions.
     */
    static PerPosition crossEntropy(double[] logits, int n, int c, int s, long[] target, double[] classWeight,
                                    long ignoreIndex, double smoothing) {
        return crossEntropyOfLogProbs(logSoftmax(logits, n, c, s), n, c, s, target, classWeight, ignoreIndex, smoothing);
    }

    private static PerPosition crossEntropyOfLogProbs(double[] logp, int n, int c, int s, long[] target, double[] classWeight,
                                                      long ignoreIndex, double smoothing) {
        double[] loss = new double[n * s];
        double[] weight = new double[n * s];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < s; p++) {
                long y = target[i * s + p];
                if (y == ignoreIndex) {
                    continue;
                }
                double smooth = 0;
                for (int k = 0; k < c; k++) {
                    smooth -= w(classWeight, k) * logp[(i * c + k) * s + p];
                }
                double nll = -w(classWeight, (int) y) * logp[(i * c + (int) y) * s + p];
                loss[i * s + p] = (1 - smoothing) * nll + smoothing / c * smooth;
                weight[i * s + p] = w(classWeight, (int) y);
            }
        }
        return new PerPosition(loss, weight);
    }

    /**
     * Cross entropy of class probabilities: {@code -Σ_k weight[k]·q_k·log p_k} with
     * {@code q = (1-ε)·target + ε/C}; MEAN divides by the number of positions.
     */
    static PerPosition crossEntropyOfProbabilities(double[] logits, int n, int c, int s, double[] target,
                                                   double[] classWeight, double smoothing) {
        double[] logp = logSoftmax(logits, n, c, s);
        double[] loss = new double[n * s];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < s; p++) {
                for (int k = 0; k < c; k++) {
                    int at = (i * c + k) * s + p;
                    double q = (1 - smoothing) * target[at] + smoothing / c;
                    loss[i * s + p] -= w(classWeight, k) * q * logp[at];
                }
            }
        }
        return PerPosition.unweighted(loss);
    }

    /** PyTorch's SmoothL1Loss: {@code 0.5·d²/β} if {@code |d| < β}, else {@code |d| - 0.5·β}; β = 0 is L1. */
    static double smoothL1(double d, double beta) {
        double a = Math.abs(d);
        return a < beta ? 0.5 * d * d / beta : a - 0.5 * beta;
    }

    /** PyTorch's HuberLoss: {@code 0.5·d²} if {@code |d| <= δ}, else {@code δ·(|d| - 0.5·δ)}. */
    static double huber(double d, double delta) {
        double a = Math.abs(d);
        return a <= delta ? 0.5 * d * d : delta * (a - 0.5 * delta);
    }

    /**
     * PyTorch's BCEWithLogitsLoss of one element:
     * {@code -w·[pw·y·log σ(x) + (1 - y)·log(1 - σ(x))]}, with {@code log σ} evaluated by log1p so
     * the reference itself stays exact for large |x|.
     */
    static double bceWithLogits(double x, double y, double weight, double posWeight) {
        double logSigmoid = logSigmoid(x);
        double logOneMinusSigmoid = logSigmoid(-x);
        return -weight * (posWeight * y * logSigmoid + (1 - y) * logOneMinusSigmoid);
    }

    private static double logSigmoid(double x) {
        return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
    }

    private static double w(double[] classWeight, int k) {
        return classWeight == null ? 1 : classWeight[k];
    }
}
