package dev.ithaca.backend.cpu;

import dev.ithaca.spi.OptimizerUpdate;

/**
 * The FLOAT32 optimizer arithmetic on one cache-sized block staged into heap arrays. Each algorithm
 * is composed of a few whole-block loops in the order of PyTorch's tensor ops; every loop is a
 * plain indexed loop over {@code float[]}, which C2 vectorizes (it does not vectorize loops over
 * off-heap addresses), so the update runs at memory speed. Blocks are
 * {@code x[0]} parameter, {@code x[1]} gradient (a scratch copy, free to modify), {@code x[2..]} the
 * state in {@link OptimizerUpdate}'s order, then any scratch arrays the algorithm asked for.
 */
final class Float32OptimizerBlocks {
    private Float32OptimizerBlocks() {
    }

    /** Updates the first {@code n} elements of a staged block in place. */
    @FunctionalInterface
    interface Block {
        void update(float[][] x, int n);
    }

    /** Scratch arrays {@link #of} needs beyond the operands. */
    static int scratch(OptimizerUpdate update) {
        return update instanceof OptimizerUpdate.RmsProp ? 1 : 0;
    }

    static Block of(OptimizerUpdate update) {
        if (update instanceof OptimizerUpdate.Sgd u) {
            return sgd(u);
        } else if (update instanceof OptimizerUpdate.Adam u) {
            return adam(u);
        } else if (update instanceof OptimizerUpdate.RmsProp u) {
            return rmsProp(u);
        } else if (update instanceof OptimizerUpdate.Adagrad u) {
            return adagrad(u);
        }
        throw new IllegalArgumentException("optimizerStep: no CPU kernel for " + update);
    }

    private static Block sgd(OptimizerUpdate.Sgd u) {
        boolean maximize = u.maximize();
        boolean decay = u.weightDecay() != 0;
        float wd = (float) u.weightDecay();
        boolean hasMomentum = u.momentum() != 0;
        float momentum = (float) u.momentum();
        float keep = (float) (1 - u.dampening());
        boolean first = u.firstStep();
        boolean nesterov = u.nesterov();
        float negLr = (float) -u.lr();
        return (x, n) -> {
            float[] p = x[0];
            float[] g = x[1];
            prepareGradient(p, g, n, maximize, decay, wd);
            float[] direction = g;
            if (hasMomentum) {
                float[] buf = x[2];
                if (first) {
                    System.arraycopy(g, 0, buf, 0, n);
                } else {
                    scaleAddScaled(buf, g, n, momentum, keep);
                }
                if (nesterov) {
                    addScaled(g, buf, n, momentum);
                } else {
                    direction = buf;
                }
            }
            addScaled(p, direction, n, negLr);
        };
    }

    private static Block adam(OptimizerUpdate.Adam u) {
        boolean maximize = u.maximize();
        boolean decoupled = u.decoupledWeightDecay();
        float scale = (float) u.paramScale();
        boolean decay = !decoupled && u.weightDecay() != 0;
        float wd = (float) u.weightDecay();
        float w = (float) (1 - u.beta1());
        float beta2 = (float) u.beta2();
        float oneMinusBeta2 = (float) (1 - u.beta2());
        float bc2Sqrt = (float) u.biasCorrection2Sqrt();
        float eps = (float) u.eps();
        float negStep = (float) -u.stepSize();
        boolean amsgrad = u.amsgrad();
        return (x, n) -> {
            float[] p = x[0];
            float[] g = x[1];
            prepareGradient(p, g, n, maximize, decay, wd);
            if (decoupled) {
                scale(p, n, scale);
            }
            if (amsgrad) {
                lerp(x[2], g, n, w);
                decaySquare(x[3], g, n, beta2, oneMinusBeta2);
                maximum(x[4], x[3], n);
                adamUpdate(p, x[2], x[4], n, negStep, bc2Sqrt, eps);
            } else {
                adamMomentsAndUpdate(p, g, x[2], x[3], n, w, beta2, oneMinusBeta2, negStep, bc2Sqrt, eps);
            }
        };
    }

    private static Block rmsProp(OptimizerUpdate.RmsProp u) {
        boolean maximize = u.maximize();
        boolean decay = u.weightDecay() != 0;
        float wd = (float) u.weightDecay();
        float alpha = (float) u.alpha();
        float oneMinusAlpha = (float) (1 - u.alpha());
        float eps = (float) u.eps();
        boolean centered = u.centered();
        boolean hasMomentum = u.momentum() > 0;
        float momentum = (float) u.momentum();
        float negLr = (float) -u.lr();
        return (x, n) -> {
            float[] p = x[0];
            float[] g = x[1];
            float[] avg = x[x.length - 1];
            prepareGradient(p, g, n, maximize, decay, wd);
            decaySquare(x[2], g, n, alpha, oneMinusAlpha);
            if (centered) {
                lerp(x[3], g, n, oneMinusAlpha);
                centeredRootPlus(avg, x[2], x[3], n, eps);
            } else {
                rootPlus(avg, x[2], n, eps);
            }
            if (hasMomentum) {
                float[] buf = x[centered ? 4 : 3];
                scaleAddQuotient(buf, g, avg, n, momentum);
                addScaled(p, buf, n, negLr);
            } else {
                addScaledQuotient(p, g, avg, n, negLr);
            }
        };
    }

    private static Block adagrad(OptimizerUpdate.Adagrad u) {
        boolean maximize = u.maximize();
        boolean decay = u.weightDecay() != 0;
        float wd = (float) u.weightDecay();
        float eps = (float) u.eps();
        float negClr = (float) -u.clr();
        return (x, n) -> {
            float[] p = x[0];
            float[] g = x[1];
            prepareGradient(p, g, n, maximize, decay, wd);
            float[] sum = x[2];
            for (int i = 0; i < n; i++) {
                sum[i] = sum[i] + g[i] * g[i];
            }
            for (int i = 0; i < n; i++) {
                p[i] = p[i] + negClr * (g[i] / ((float) Math.sqrt(sum[i]) + eps));
            }
        };
    }

    // ---- loops (each one PyTorch tensor op over the block) -------------------------------------------

    /** {@code g = -g} when maximizing, then {@code g = g + wd * p} when decaying. */
    private static void prepareGradient(float[] p, float[] g, int n, boolean maximize, boolean decay, float wd) {
        if (maximize) {
            negate(g, n);
        }
        if (decay) {
            addScaled(g, p, n, wd);
        }
    }

    private static void negate(float[] a, int n) {
        for (int i = 0; i < n; i++) {
            a[i] = -a[i];
        }
    }

    private static void scale(float[] a, int n, float s) {
        for (int i = 0; i < n; i++) {
            a[i] = a[i] * s;
        }
    }

    /** {@code a = a + s * b}. */
    private static void addScaled(float[] a, float[] b, int n, float s) {
        for (int i = 0; i < n; i++) {
            a[i] = a[i] + s * b[i];
        }
    }

    /** {@code a = a * s + t * b}. */
    private static void scaleAddScaled(float[] a, float[] b, int n, float s, float t) {
        for (int i = 0; i < n; i++) {
            a[i] = a[i] * s + t * b[i];
        }
    }

    /** PyTorch's lerp, {@code a = lerp(a, b, w)}; the branch on the weight stays outside the loops. */
    private static void lerp(float[] a, float[] b, int n, float w) {
        if (Math.abs(w) < 0.5f) {
            for (int i = 0; i < n; i++) {
                a[i] = a[i] + w * (b[i] - a[i]);
            }
        } else {
            float rest = 1f - w;
            for (int i = 0; i < n; i++) {
                a[i] = b[i] - (b[i] - a[i]) * rest;
            }
        }
    }

    /** {@code v = v * beta + ((1 - beta) * g) * g}. */
    private static void decaySquare(float[] v, float[] g, int n, float beta, float oneMinusBeta) {
        for (int i = 0; i < n; i++) {
            v[i] = v[i] * beta + oneMinusBeta * g[i] * g[i];
        }
    }

    /** {@code a = max(a, b)}, NaN propagating as torch.maximum. */
    private static void maximum(float[] a, float[] b, int n) {
        for (int i = 0; i < n; i++) {
            a[i] = Math.max(a[i], b[i]);
        }
    }

    /** {@code p = p + negStep * (m / (sqrt(v) / bc2Sqrt + eps))}. */
    private static void adamUpdate(float[] p, float[] m, float[] v, int n, float negStep, float bc2Sqrt, float eps) {
        for (int i = 0; i < n; i++) {
            p[i] = p[i] + negStep * (m[i] / ((float) Math.sqrt(v[i]) / bc2Sqrt + eps));
        }
    }

    /**
     * Adam's common case in one loop, the hot path of training: {@link #lerp}, {@link #decaySquare} and
     * {@link #adamUpdate} with the same arithmetic, without the block's extra trips through L1.
     */
    private static void adamMomentsAndUpdate(float[] p, float[] g, float[] m, float[] v, int n, float w, float beta2,
                                             float oneMinusBeta2, float negStep, float bc2Sqrt, float eps) {
        if (Math.abs(w) < 0.5f) {
            for (int i = 0; i < n; i++) {
                float gi = g[i];
                float mi = m[i] + w * (gi - m[i]);
                float vi = v[i] * beta2 + oneMinusBeta2 * gi * gi;
                m[i] = mi;
                v[i] = vi;
                p[i] = p[i] + negStep * (mi / ((float) Math.sqrt(vi) / bc2Sqrt + eps));
            }
        } else {
            float rest = 1f - w;
            for (int i = 0; i < n; i++) {
                float gi = g[i];
                float mi = gi - (gi - m[i]) * rest;
                float vi = v[i] * beta2 + oneMinusBeta2 * gi * gi;
                m[i] = mi;
                v[i] = vi;
                p[i] = p[i] + negStep * (mi / ((float) Math.sqrt(vi) / bc2Sqrt + eps));
            }
        }
    }

    /** {@code out = sqrt(v) + eps}. */
    private static void rootPlus(float[] out, float[] v, int n, float eps) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.sqrt(v[i]) + eps;
        }
    }

    /** {@code out = sqrt(sq + (-1 * mean) * mean) + eps}. */
    private static void centeredRootPlus(float[] out, float[] sq, float[] mean, int n, float eps) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.sqrt(sq[i] + -1f * mean[i] * mean[i]) + eps;
        }
    }

    /** {@code a = a * s + b / c}. */
    private static void scaleAddQuotient(float[] a, float[] b, float[] c, int n, float s) {
        for (int i = 0; i < n; i++) {
            a[i] = a[i] * s + b[i] / c[i];
        }
    }

    /** {@code a = a + s * (b / c)}. */
    private static void addScaledQuotient(float[] a, float[] b, float[] c, int n, float s) {
        for (int i = 0; i < n; i++) {
            a[i] = a[i] + s * (b[i] / c[i]);
        }
    }
}
