package dev.ithaca.backend.cuda;

import dev.ithaca.spi.OptimizerUpdate;

/**
 * The per-element arithmetic of {@link OptimizerUpdate}, written out from its documentation in plain
 * Java, in FLOAT32 and FLOAT64: the oracle the CUDA kernels must match bit for bit (scalars converted
 * to the dtype once, no fused multiply-add, state flushed on store).
 */
final class OptimizerReference {
    private OptimizerReference() {
    }

    private static float flush(float x, boolean on) {
        return on && Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
    }

    private static double flush(double x, boolean on) {
        return on && Math.abs(x) < Double.MIN_NORMAL ? 0d : x;
    }

    private static float lerp(float a, float b, float w) {
        return Math.abs(w) < 0.5f ? a + w * (b - a) : b - (b - a) * (1f - w);
    }

    private static double lerp(double a, double b, double w) {
        return Math.abs(w) < 0.5 ? a + w * (b - a) : b - (b - a) * (1 - w);
    }

    /** One FLOAT32 step over every element; {@code state} in the update's documented order. */
    static void step(OptimizerUpdate update, float[] p, float[] grad, float[][] state) {
        boolean ftz = update.flushDenormals();
        for (int i = 0; i < p.length; i++) {
            if (update instanceof OptimizerUpdate.Sgd u) {
                float g = u.maximize() ? -grad[i] : grad[i];
                if (u.weightDecay() != 0) {
                    g = g + (float) u.weightDecay() * p[i];
                }
                if (u.momentum() != 0) {
                    float momentum = (float) u.momentum();
                    float buf = u.firstStep() ? g : state[0][i] * momentum + (float) (1 - u.dampening()) * g;
                    state[0][i] = flush(buf, ftz);
                    g = u.nesterov() ? g + momentum * buf : buf;
                }
                p[i] = p[i] + (float) -u.lr() * g;
            } else if (update instanceof OptimizerUpdate.Adam u) {
                float g = u.maximize() ? -grad[i] : grad[i];
                float param = p[i];
                if (u.decoupledWeightDecay()) {
                    param = param * (float) u.paramScale();
                } else if (u.weightDecay() != 0) {
                    g = g + (float) u.weightDecay() * param;
                }
                float m = lerp(state[0][i], g, (float) (1 - u.beta1()));
                float v = state[1][i] * (float) u.beta2() + (float) (1 - u.beta2()) * g * g;
                state[0][i] = flush(m, ftz);
                state[1][i] = flush(v, ftz);
                if (u.amsgrad()) {
                    v = Math.max(state[2][i], v);
                    state[2][i] = flush(v, ftz);
                }
                float denom = (float) Math.sqrt(v) / (float) u.biasCorrection2Sqrt() + (float) u.eps();
                p[i] = param + (float) -u.stepSize() * (m / denom);
            } else if (update instanceof OptimizerUpdate.RmsProp u) {
                float g = u.maximize() ? -grad[i] : grad[i];
                if (u.weightDecay() != 0) {
                    g = g + (float) u.weightDecay() * p[i];
                }
                float sq = state[0][i] * (float) u.alpha() + (float) (1 - u.alpha()) * g * g;
                state[0][i] = flush(sq, ftz);
                float avg;
                if (u.centered()) {
                    float mean = lerp(state[1][i], g, (float) (1 - u.alpha()));
                    state[1][i] = flush(mean, ftz);
                    avg = (float) Math.sqrt(sq + -1f * mean * mean) + (float) u.eps();
                } else {
                    avg = (float) Math.sqrt(sq) + (float) u.eps();
                }
                if (u.momentum() > 0) {
                    int slot = u.centered() ? 2 : 1;
                    float buf = state[slot][i] * (float) u.momentum() + g / avg;
                    state[slot][i] = flush(buf, ftz);
                    p[i] = p[i] + (float) -u.lr() * buf;
                } else {
                    p[i] = p[i] + (float) -u.lr() * (g / avg);
                }
            } else {
                OptimizerUpdate.Adagrad u = (OptimizerUpdate.Adagrad) update;
                float g = u.maximize() ? -grad[i] : grad[i];
                if (u.weightDecay() != 0) {
                    g = g + (float) u.weightDecay() * p[i];
                }
                float sum = state[0][i] + g * g;
                state[0][i] = flush(sum, ftz);
                p[i] = p[i] + (float) -u.clr() * (g / ((float) Math.sqrt(sum) + (float) u.eps()));
            }
        }
    }

    /** One FLOAT64 step over every element; {@code state} in the update's documented order. */
    static void step(OptimizerUpdate update, double[] p, double[] grad, double[][] state) {
        boolean ftz = update.flushDenormals();
        for (int i = 0; i < p.length; i++) {
            if (update instanceof OptimizerUpdate.Sgd u) {
                double g = u.maximize() ? -grad[i] : grad[i];
                if (u.weightDecay() != 0) {
                    g = g + u.weightDecay() * p[i];
                }
                if (u.momentum() != 0) {
                    double buf = u.firstStep() ? g : state[0][i] * u.momentum() + (1 - u.dampening()) * g;
                    state[0][i] = flush(buf, ftz);
                    g = u.nesterov() ? g + u.momentum() * buf : buf;
                }
                p[i] = p[i] + -u.lr() * g;
            } else if (update instanceof OptimizerUpdate.Adam u) {
                double g = u.maximize() ? -grad[i] : grad[i];
                double param = p[i];
                if (u.decoupledWeightDecay()) {
                    param = param * u.paramScale();
                } else if (u.weightDecay() != 0) {
                    g = g + u.weightDecay() * param;
                }
                double m = lerp(state[0][i], g, 1 - u.beta1());
                double v = state[1][i] * u.beta2() + (1 - u.beta2()) * g * g;
                state[0][i] = flush(m, ftz);
                state[1][i] = flush(v, ftz);
                if (u.amsgrad()) {
                    v = Math.max(state[2][i], v);
                    state[2][i] = flush(v, ftz);
                }
                double denom = Math.sqrt(v) / u.biasCorrection2Sqrt() + u.eps();
                p[i] = param + -u.stepSize() * (m / denom);
            } else if (update instanceof OptimizerUpdate.RmsProp u) {
                double g = u.maximize() ? -grad[i] : grad[i];
                if (u.weightDecay() != 0) {
                    g = g + u.weightDecay() * p[i];
                }
                double sq = state[0][i] * u.alpha() + (1 - u.alpha()) * g * g;
                state[0][i] = flush(sq, ftz);
                double avg;
                if (u.centered()) {
                    double mean = lerp(state[1][i], g, 1 - u.alpha());
                    state[1][i] = flush(mean, ftz);
                    avg = Math.sqrt(sq + -1d * mean * mean) + u.eps();
                } else {
                    avg = Math.sqrt(sq) + u.eps();
                }
                if (u.momentum() > 0) {
                    int slot = u.centered() ? 2 : 1;
                    double buf = state[slot][i] * u.momentum() + g / avg;
                    state[slot][i] = flush(buf, ftz);
                    p[i] = p[i] + -u.lr() * buf;
                } else {
                    p[i] = p[i] + -u.lr() * (g / avg);
                }
            } else {
                OptimizerUpdate.Adagrad u = (OptimizerUpdate.Adagrad) update;
                double g = u.maximize() ? -grad[i] : grad[i];
                if (u.weightDecay() != 0) {
                    g = g + u.weightDecay() * p[i];
                }
                double sum = state[0][i] + g * g;
                state[0][i] = flush(sum, ftz);
                p[i] = p[i] + -u.clr() * (g / (Math.sqrt(sum) + u.eps()));
            }
        }
    }
}
