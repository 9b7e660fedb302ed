package dev.ithaca.backend.cpu;

import dev.ithaca.spi.OptimizerUpdate;
import dev.ithaca.spi.Strided;
import dev.ithaca.tensor.DType;


import static dev.ithaca.backend.cpu.NativeMemory.U;

/**
 * The fused optimizer updates: one parallel trip through memory per call. Operands are walked
 * together by {@link StridedLoop}, so contiguous tensors become one long row split across the pool.
 *
 * <p>FLOAT32, the training dtype, is staged: each row is processed in blocks of {@value #BLOCK}
 * elements copied into heap arrays, updated there by {@link Float32OptimizerBlocks} (loops C2
 * vectorizes, which it does not do over off-heap addresses), and copied back; the state is flushed
 * on the way out. Main memory is still read and written once. FLOAT64 runs the same arithmetic as
 * plain strided loops. Scalars are converted to the dtype once; no multiply-add is fused, so a run
 * is deterministic on every machine (PyTorch's vectorized CPU loops may fuse some and differ in the
 * last bit). See {@link OptimizerUpdate} for the arithmetic.
 */
final class OptimizerKernels {
    /** Elements per staged block: its five or six 16 KiB arrays stay in L2 while the block is updated. */
    static final int BLOCK = 4096;
    private static final long FLOATS = U.arrayBaseOffset(float[].class);

    private final Parallel parallel;

    OptimizerKernels(Parallel parallel) {
        this.parallel = parallel;
    }

    void step(OptimizerUpdate update, Strided param, Strided grad, Strided[] state) {
        update.checkOperands(param, grad, state);
        Strided[] operands = new Strided[2 + state.length];
        operands[0] = param;
        operands[1] = grad;
        System.arraycopy(state, 0, operands, 2, state.length);
        StridedLoop.RowKernel kernel;
        if (param.dtype() == DType.FLOAT32) {
            kernel = staged(Float32OptimizerBlocks.of(update), operands.length, Float32OptimizerBlocks.scratch(update),
                    update.flushDenormals());
        } else if (update instanceof OptimizerUpdate.Sgd u) {
            kernel = sgd64(u);
        } else if (update instanceof OptimizerUpdate.Adam u) {
            kernel = adam64(u);
        } else if (update instanceof OptimizerUpdate.RmsProp u) {
            kernel = rmsProp64(u);
        } else if (update instanceof OptimizerUpdate.Adagrad u) {
            kernel = adagrad64(u);
        } else {
            throw new IllegalArgumentException("optimizerStep: no CPU kernel for " + update);
        }
        StridedLoop.of(operands).run(parallel, kernel);
    }


    // ---- FLOAT32: staged blocks ------------------------------------------------------------------------

    /** Copies each block in, updates it, and writes the parameter and the (flushed) state back. */
    private static StridedLoop.RowKernel staged(Float32OptimizerBlocks.Block block, int operands, int scratch, boolean flush) {
        return (addresses, strides, count) -> {
            int size = (int) Math.min(BLOCK, count);
            float[][] x = new float[operands + scratch][size];
            for (long done = 0; done < count; done += size) {
                int n = (int) Math.min(size, count - done);
                for (int k = 0; k < operands; k++) {
                    load(addresses[k] + done * strides[k], strides[k], x[k], n);
                }
                block.update(x, n);
                store(x[0], n, addresses[0] + done * strides[0], strides[0]);
                for (int k = 2; k < operands; k++) {
                    if (flush) {
                        flushBlock(x[k], n);
                    }
                    store(x[k], n, addresses[k] + done * strides[k], strides[k]);
                }
            }
        };
    }

    private static void load(long address, long stride, float[] dst, int n) {
        if (stride == Float.BYTES) {
            U.copyMemory(null, address, dst, FLOATS, (long) n * Float.BYTES);
        } else {
            for (int i = 0; i < n; i++) {
                dst[i] = U.getFloat(address + i * stride);
            }
        }
    }

    private static void store(float[] src, int n, long address, long stride) {
        if (stride == Float.BYTES) {
            U.copyMemory(src, FLOATS, null, address, (long) n * Float.BYTES);
        } else {
            for (int i = 0; i < n; i++) {
                U.putFloat(address + i * stride, src[i]);
            }
        }
    }

    /**
     * Sets values below {@link Float#MIN_NORMAL} in magnitude to +0, on the bits: a zero exponent
     * field selects a mask that clears the word. These integer operations vectorize where a float
     * comparison with a branch would not.
     */
    private static void flushBlock(float[] a, int n) {
        for (int i = 0; i < n; i++) {
            long offset = FLOATS + (long) i * Float.BYTES;
            int b = U.getInt(a, offset);
            U.putInt(a, offset, b & ~(((b & 0x7F800000) - 1) >> 31));
        }
    }

    // ---- FLOAT64: strided loops; state is flushed when stored, the update uses the exact values --------

    private static double flush(double x, boolean on) {
        return on && Math.abs(x) < Double.MIN_NORMAL ? 0d : x;
    }

    // ---- FLOAT64 SGD ------------------------------------------------------------------------------

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
                    double buf = first ? g : U.getDouble(ba) * momentum + keep * g;
                    U.putDouble(ba, flush(buf, ftz));
                    g = nesterov ? g + momentum * buf : buf;
                }
                U.putDouble(pa, p + negLr * g);
            }
        };
    }

    // ---- FLOAT64 Adam / AdamW ---------------------------------------------------------------------

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
                m = smallWeight ? m + w * (g - m) : g - (g - m) * oneMinusW;
                double v = U.getDouble(va) * beta2 + oneMinusBeta2 * g * g;
                U.putDouble(ma, flush(m, ftz));
                U.putDouble(va, flush(v, ftz));
                if (amsgrad) {
                    long xa = a[4] + i * s[4];
                    v = Math.max(U.getDouble(xa), v);
                    U.putDouble(xa, flush(v, ftz));
                }
                double denom = Math.sqrt(v) / bc2Sqrt + eps;
                U.putDouble(pa, p + negStep * (m / denom));
            }
        };
    }

    // ---- FLOAT64 RMSprop ---------------------------------------------------------------------------

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
                double sq = U.getDouble(qa) * alpha + oneMinusAlpha * g * g;
                U.putDouble(qa, flush(sq, ftz));
                double avg;
                if (centered) {
                    long ga = a[3] + i * s[3];
                    double mean = U.getDouble(ga);
                    mean = smallWeight ? mean + oneMinusAlpha * (g - mean) : g - (g - mean) * alphaLerp;
                    U.putDouble(ga, flush(mean, ftz));
                    avg = Math.sqrt(sq + -1d * mean * mean) + eps;
                } else {
                    avg = Math.sqrt(sq) + eps;
                }
                if (hasMomentum) {
                    long ba = a[bufferSlot] + i * s[bufferSlot];
                    double buf = U.getDouble(ba) * momentum + g / avg;
                    U.putDouble(ba, flush(buf, ftz));
                    U.putDouble(pa, p + negLr * buf);
                } else {
                    U.putDouble(pa, p + negLr * (g / avg));
                }
            }
        };
    }

    // ---- FLOAT64 Adagrad ---------------------------------------------------------------------------

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
                double sum = U.getDouble(sa) + g * g;
                U.putDouble(sa, flush(sum, ftz));
                U.putDouble(pa, p + negClr * (g / (Math.sqrt(sum) + eps)));
            }
        };
    }
}
