package dev.ithaca.backend.cpu;

import dev.ithaca.spi.OptimizerUpdate;
import dev.ithaca.spi.Strided;
import dev.ithaca.tensor.DType;

import java.util.Arrays;

import static dev.ithaca.backend.cpu.NativeMemory.U;

/**
 * The fused optimizer updates: one parallel pass over a parameter, its gradient and its state per
 * call, one loop per algorithm family and dtype. Operands are walked together by
 * {@link StridedLoop}, so contiguous tensors become one long row split across the pool. Scalars
 * are converted to the dtype once, outside the loops, and the loops never fuse a multiply-add, so
 * a run is deterministic on every machine (PyTorch's vectorized CPU loops may fuse some, which can
 * differ from it in the last bit). See {@link OptimizerUpdate} for the arithmetic.
 */
final class OptimizerKernels {
    private final Parallel parallel;

    OptimizerKernels(Parallel parallel) {
        this.parallel = parallel;
    }

    void step(OptimizerUpdate update, Strided param, Strided grad, Strided[] state) {
        check(update, param, grad, state);
        Strided[] operands = new Strided[2 + state.length];
        operands[0] = param;
        operands[1] = grad;
        System.arraycopy(state, 0, operands, 2, state.length);
        boolean single = param.dtype() == DType.FLOAT32;
        StridedLoop.RowKernel kernel;
        if (update instanceof OptimizerUpdate.Sgd u) {
            kernel = single ? sgd32(u) : sgd64(u);
        } else if (update instanceof OptimizerUpdate.Adam u) {
            kernel = single ? adam32(u) : adam64(u);
        } else if (update instanceof OptimizerUpdate.RmsProp u) {
            kernel = single ? rmsProp32(u) : rmsProp64(u);
        } else if (update instanceof OptimizerUpdate.Adagrad u) {
            kernel = single ? adagrad32(u) : adagrad64(u);
        } else {
            throw new IllegalArgumentException("optimizerStep: no CPU kernel for " + update);
        }
        StridedLoop.of(operands).run(parallel, kernel);
    }

    private static void check(OptimizerUpdate update, Strided param, Strided grad, Strided[] state) {
        DType dtype = param.dtype();
        if (dtype != DType.FLOAT32 && dtype != DType.FLOAT64) {
            throw new IllegalArgumentException("optimizerStep: parameter must be FLOAT32 or FLOAT64, got " + dtype);
        }
        if (state.length != update.stateCount()) {
            throw new IllegalArgumentException("optimizerStep: " + update.getClass().getSimpleName() + " needs "
                    + update.stateCount() + " state tensors, got " + state.length);
        }
        long[] shape = param.shape();
        checkOperand("grad", grad, dtype, shape);
        for (int i = 0; i < state.length; i++) {
            checkOperand("state[" + i + "]", state[i], dtype, shape);
        }
    }

    private static void checkOperand(String name, Strided s, DType dtype, long[] shape) {
        if (s.dtype() != dtype || !Arrays.equals(s.shape(), shape)) {
            throw new IllegalArgumentException("optimizerStep: " + name + " is " + s.dtype() + Arrays.toString(s.shape())
                    + ", the parameter is " + dtype + Arrays.toString(shape));
        }
    }

    private static float flush(float x, boolean on) {
        return on && Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
    }

    private static double flush(double x, boolean on) {
        return on && Math.abs(x) < Double.MIN_NORMAL ? 0d : x;
    }

    // ---- SGD ------------------------------------------------------------------------------------

    private static StridedLoop.RowKernel sgd32(OptimizerUpdate.Sgd u) {
        float negLr = (float) -u.lr();
        float wd = (float) u.weightDecay();
        boolean decay = u.weightDecay() != 0;
        float momentum = (float) u.momentum();
        boolean hasMomentum = u.momentum() != 0;
        float keep = (float) (1 - u.dampening());
        boolean first = u.firstStep();
        boolean nesterov = u.nesterov();
        float sign = u.maximize() ? -1f : 1f;
        boolean ftz = u.flushDenormals();
        return (a, s, n) -> {
            for (long i = 0; i < n; i++) {
                long pa = a[0] + i * s[0];
                float p = U.getFloat(pa);
                float g = sign * U.getFloat(a[1] + i * s[1]);
                if (decay) {
                    g = g + wd * p;
                }
                if (hasMomentum) {
                    long ba = a[2] + i * s[2];
                    float buf = flush(first ? g : U.getFloat(ba) * momentum + keep * g, ftz);
                    U.putFloat(ba, buf);
                    g = nesterov ? g + momentum * buf : buf;
                }
                U.putFloat(pa, p + negLr * g);
            }
        };
    }

    private static StridedLoop.RowKernel sgd64(OptimizerUpdate.Sgd u) {
        double negLr = -u.lr();
        double wd = u.weightDecay();
        boolean decay = wd != 0;
        double momentum = u.momentum();
        boolean hasMomentum = momentum != 0;
        double keep = 1 - u.dampening();
        boolean first = u.firstStep();
        boolean nesterov = u.nesterov();
        double sign = u.maximize() ? -1 : 1;
        boolean ftz = u.flushDenormals();
        return (a, s, n) -> {
            for (long i = 0; i < n; i++) {
                long pa = a[0] + i * s[0];
                double p = U.getDouble(pa);
                double g = sign * U.getDouble(a[1] + i * s[1]);
                if (decay) {
                    g = g + wd * p;
                }
                if (hasMomentum) {
                    long ba = a[2] + i * s[2];
                    double buf = flush(first ? g : U.getDouble(ba) * momentum + keep * g, ftz);
                    U.putDouble(ba, buf);
                    g = nesterov ? g + momentum * buf : buf;
                }
                U.putDouble(pa, p + negLr * g);
            }
        };
    }

    // ---- Adam / AdamW ----------------------------------------------------------------------------

    private static StridedLoop.RowKernel adam32(OptimizerUpdate.Adam u) {
        boolean decoupled = u.decoupledWeightDecay();
        float scale = (float) u.paramScale();
        boolean decay = !decoupled && u.weightDecay() != 0;
        float wd = (float) u.weightDecay();
        float w = (float) (1 - u.beta1());
        boolean smallWeight = Math.abs(w) < 0.5f;
        float oneMinusW = 1f - w;
        float beta2 = (float) u.beta2();
        float oneMinusBeta2 = (float) (1 - u.beta2());
        float bc2Sqrt = (float) u.biasCorrection2Sqrt();
        float eps = (float) u.eps();
        float negStep = (float) -u.stepSize();
        boolean amsgrad = u.amsgrad();
        float sign = u.maximize() ? -1f : 1f;
        boolean ftz = u.flushDenormals();
        return (a, s, n) -> {
            for (long i = 0; i < n; i++) {
                long pa = a[0] + i * s[0];
                long ma = a[2] + i * s[2];
                long va = a[3] + i * s[3];
                float p = U.getFloat(pa);
                float g = sign * U.getFloat(a[1] + i * s[1]);
                if (decoupled) {
                    p = p * scale;
                } else if (decay) {
                    g = g + wd * p;
                }
                float m = U.getFloat(ma);
                m = flush(smallWeight ? m + w * (g - m) : g - (g - m) * oneMinusW, ftz);
                float v = flush(U.getFloat(va) * beta2 + oneMinusBeta2 * g * g, ftz);
                U.putFloat(ma, m);
                U.putFloat(va, v);
                if (amsgrad) {
                    long xa = a[4] + i * s[4];
                    v = flush(Math.max(U.getFloat(xa), v), ftz);
                    U.putFloat(xa, v);
                }
                float denom = (float) Math.sqrt(v) / bc2Sqrt + eps;
                U.putFloat(pa, p + negStep * (m / denom));
            }
        };
    }

    private static StridedLoop.RowKernel adam64(OptimizerUpdate.Adam u) {
        boolean decoupled = u.decoupledWeightDecay();
        double scale = u.paramScale();
        boolean decay = !decoupled && u.weightDecay() != 0;
        double wd = u.weightDecay();
        double w = 1 - u.beta1();
        boolean smallWeight = Math.abs(w) < 0.5;
        double oneMinusW = 1 - w;
        double beta2 = u.beta2();
        double oneMinusBeta2 = 1 - u.beta2();
        double bc2Sqrt = u.biasCorrection2Sqrt();
        double eps = u.eps();
        double negStep = -u.stepSize();
        boolean amsgrad = u.amsgrad();
        double sign = u.maximize() ? -1 : 1;
        boolean ftz = u.flushDenormals();
        return (a, s, n) -> {
            for (long i = 0; i < n; i++) {
                long pa = a[0] + i * s[0];
                long ma = a[2] + i * s[2];
                long va = a[3] + i * s[3];
                double p = U.getDouble(pa);
                double g = sign * U.getDouble(a[1] + i * s[1]);
                if (decoupled) {
                    p = p * scale;
                } else if (decay) {
                    g = g + wd * p;
                }
                double m = U.getDouble(ma);
                m = flush(smallWeight ? m + w * (g - m) : g - (g - m) * oneMinusW, ftz);
                double v = flush(U.getDouble(va) * beta2 + oneMinusBeta2 * g * g, ftz);
                U.putDouble(ma, m);
                U.putDouble(va, v);
                if (amsgrad) {
                    long xa = a[4] + i * s[4];
                    v = flush(Math.max(U.getDouble(xa), v), ftz);
                    U.putDouble(xa, v);
                }
                double denom = Math.sqrt(v) / bc2Sqrt + eps;
                U.putDouble(pa, p + negStep * (m / denom));
            }
        };
    }

    // ---- RMSprop ----------------------------------------------------------------------------------

    private static StridedLoop.RowKernel rmsProp32(OptimizerUpdate.RmsProp u) {
        float negLr = (float) -u.lr();
        float wd = (float) u.weightDecay();
        boolean decay = u.weightDecay() != 0;
        float alpha = (float) u.alpha();
        float oneMinusAlpha = (float) (1 - u.alpha());
        boolean smallWeight = Math.abs(oneMinusAlpha) < 0.5f;
        float alphaLerp = 1f - oneMinusAlpha;
        float eps = (float) u.eps();
        boolean centered = u.centered();
        boolean hasMomentum = u.momentum() > 0;
        float momentum = (float) u.momentum();
        int bufferSlot = centered ? 4 : 3;
        float sign = u.maximize() ? -1f : 1f;
        boolean ftz = u.flushDenormals();
        return (a, s, n) -> {
            for (long i = 0; i < n; i++) {
                long pa = a[0] + i * s[0];
                long qa = a[2] + i * s[2];
                float p = U.getFloat(pa);
                float g = sign * U.getFloat(a[1] + i * s[1]);
                if (decay) {
                    g = g + wd * p;
                }
                float sq = flush(U.getFloat(qa) * alpha + oneMinusAlpha * g * g, ftz);
                U.putFloat(qa, sq);
                float avg;
                if (centered) {
                    long ga = a[3] + i * s[3];
                    float mean = U.getFloat(ga);
                    mean = flush(smallWeight ? mean + oneMinusAlpha * (g - mean) : g - (g - mean) * alphaLerp, ftz);
                    U.putFloat(ga, mean);
                    avg = (float) Math.sqrt(sq + -1f * mean * mean) + eps;
                } else {
                    avg = (float) Math.sqrt(sq) + eps;
                }
                if (hasMomentum) {
                    long ba = a[bufferSlot] + i * s[bufferSlot];
                    float buf = flush(U.getFloat(ba) * momentum + g / avg, ftz);
                    U.putFloat(ba, buf);
                    U.putFloat(pa, p + negLr * buf);
                } else {
                    U.putFloat(pa, p + negLr * (g / avg));
                }
            }
        };
    }

    private static StridedLoop.RowKernel rmsProp64(OptimizerUpdate.RmsProp u) {
        double negLr = -u.lr();
        double wd = u.weightDecay();
        boolean decay = wd != 0;
        double alpha = u.alpha();
        double oneMinusAlpha = 1 - u.alpha();
        boolean smallWeight = Math.abs(oneMinusAlpha) < 0.5;
        double alphaLerp = 1 - oneMinusAlpha;
        double eps = u.eps();
        boolean centered = u.centered();
        boolean hasMomentum = u.momentum() > 0;
        double momentum = u.momentum();
        int bufferSlot = centered ? 4 : 3;
        double sign = u.maximize() ? -1 : 1;
        boolean ftz = u.flushDenormals();
        return (a, s, n) -> {
            for (long i = 0; i < n; i++) {
                long pa = a[0] + i * s[0];
                long qa = a[2] + i * s[2];
                double p = U.getDouble(pa);
                double g = sign * U.getDouble(a[1] + i * s[1]);
                if (decay) {
                    g = g + wd * p;
                }
                double sq = flush(U.getDouble(qa) * alpha + oneMinusAlpha * g * g, ftz);
                U.putDouble(qa, sq);
                double avg;
                if (centered) {
                    long ga = a[3] + i * s[3];
                    double mean = U.getDouble(ga);
                    mean = flush(smallWeight ? mean + oneMinusAlpha * (g - mean) : g - (g - mean) * alphaLerp, ftz);
                    U.putDouble(ga, mean);
                    avg = Math.sqrt(sq + -1d * mean * mean) + eps;
                } else {
                    avg = Math.sqrt(sq) + eps;
                }
                if (hasMomentum) {
                    long ba = a[bufferSlot] + i * s[bufferSlot];
                    double buf = flush(U.getDouble(ba) * momentum + g / avg, ftz);
                    U.putDouble(ba, buf);
                    U.putDouble(pa, p + negLr * buf);
                } else {
                    U.putDouble(pa, p + negLr * (g / avg));
                }
            }
        };
    }

    // ---- Adagrad ----------------------------------------------------------------------------------

    private static StridedLoop.RowKernel adagrad32(OptimizerUpdate.Adagrad u) {
        float negClr = (float) -u.clr();
        float wd = (float) u.weightDecay();
        boolean decay = u.weightDecay() != 0;
        float eps = (float) u.eps();
        float sign = u.maximize() ? -1f : 1f;
        boolean ftz = u.flushDenormals();
        return (a, s, n) -> {
            for (long i = 0; i < n; i++) {
                long pa = a[0] + i * s[0];
                long sa = a[2] + i * s[2];
                float p = U.getFloat(pa);
                float g = sign * U.getFloat(a[1] + i * s[1]);
                if (decay) {
                    g = g + wd * p;
                }
                float sum = flush(U.getFloat(sa) + g * g, ftz);
                U.putFloat(sa, sum);
                U.putFloat(pa, p + negClr * (g / ((float) Math.sqrt(sum) + eps)));
            }
        };
    }

    private static StridedLoop.RowKernel adagrad64(OptimizerUpdate.Adagrad u) {
        double negClr = -u.clr();
        double wd = u.weightDecay();
        boolean decay = wd != 0;
        double eps = u.eps();
        double sign = u.maximize() ? -1 : 1;
        boolean ftz = u.flushDenormals();
        return (a, s, n) -> {
            for (long i = 0; i < n; i++) {
                long pa = a[0] + i * s[0];
                long sa = a[2] + i * s[2];
                double p = U.getDouble(pa);
                double g = sign * U.getDouble(a[1] + i * s[1]);
                if (decay) {
                    g = g + wd * p;
                }
                double sum = flush(U.getDouble(sa) + g * g, ftz);
                U.putDouble(sa, sum);
                U.putDouble(pa, p + negClr * (g / (Math.sqrt(sum) + eps)));
            }
        };
    }
}
