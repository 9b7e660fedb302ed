package dev.ithaca.backend.cuda;

import dev.ithaca.spi.OptimizerUpdate;
import dev.ithaca.spi.Strided;


/**
 * The fused optimizer updates: one kernel pass per parameter (kernels/optimizer.cu). The host
 * derives every scalar exactly as the CPU backend does and the kernel converts each to the tensor's
 * type once, so both backends compute the same bits.
 */
final class OptimizerKernels {
    static final int FLAG_MAXIMIZE = 1;
    static final int FLAG_DECAY = 2;
    static final int FLAG_DECOUPLED = 4;
    static final int FLAG_AMSGRAD = 8;
    static final int FLAG_MOMENTUM = 16;
    static final int FLAG_FIRST_STEP = 32;
    static final int FLAG_NESTEROV = 64;
    static final int FLAG_CENTERED = 128;
    static final int FLAG_FLUSH = 256;
    /** Words of the CUDA struct OptimizerParams: kind, flags, eight scalars. */
    static final int WORDS = 10;

    private final KernelLauncher launcher;

    OptimizerKernels(KernelLauncher launcher) {
        this.launcher = launcher;
    }

    void step(OptimizerUpdate update, Strided param, Strided grad, Strided[] state) {
        update.checkOperands(param, grad, state);
        Strided[] operands = new Strided[2 + state.length];
        operands[0] = param;
        operands[1] = grad;
        System.arraycopy(state, 0, operands, 2, state.length);
        long[] parameters = parameters(update);
        int missing = 3 - state.length;
        launcher.launchStrided(KernelModule.OPTIMIZER, "optimizer_" + DeviceAddress.suffix(param.dtype()), operands, args -> {
            for (int i = 0; i < missing; i++) {
                args.pointer(0);
            }
            args.words(parameters);
        });
    }

    /** The CUDA struct OptimizerParams for {@code update} (the scalar layout is documented in optimizer.cu). */
    static long[] parameters(OptimizerUpdate update) {
        int flags = update.flushDenormals() ? FLAG_FLUSH : 0;
        double[] s = new double[8];
        int kind;
        if (update instanceof OptimizerUpdate.Sgd u) {
            kind = 0;
            flags |= (u.maximize() ? FLAG_MAXIMIZE : 0) | (u.weightDecay() != 0 ? FLAG_DECAY : 0)
                    | (u.momentum() != 0 ? FLAG_MOMENTUM : 0) | (u.firstStep() ? FLAG_FIRST_STEP : 0) | (u.nesterov() ? FLAG_NESTEROV : 0);
            s[0] = u.weightDecay();
            s[1] = u.momentum();
            s[2] = 1 - u.dampening();
            s[3] = -u.lr();
        } else if (update instanceof OptimizerUpdate.Adam u) {
            kind = 1;
            flags |= (u.maximize() ? FLAG_MAXIMIZE : 0) | (!u.decoupledWeightDecay() && u.weightDecay() != 0 ? FLAG_DECAY : 0)
                    | (u.decoupledWeightDecay() ? FLAG_DECOUPLED : 0) | (u.amsgrad() ? FLAG_AMSGRAD : 0);
            s[0] = u.paramScale();
            s[1] = u.weightDecay();
            s[2] = 1 - u.beta1();
            s[3] = u.beta2();
            s[4] = 1 - u.beta2();
            s[5] = u.biasCorrection2Sqrt();
            s[6] = u.eps();
            s[7] = -u.stepSize();
        } else if (update instanceof OptimizerUpdate.RmsProp u) {
            kind = 2;
            flags |= (u.maximize() ? FLAG_MAXIMIZE : 0) | (u.weightDecay() != 0 ? FLAG_DECAY : 0)
                    | (u.centered() ? FLAG_CENTERED : 0) | (u.momentum() > 0 ? FLAG_MOMENTUM : 0);
            s[0] = u.weightDecay();
            s[1] = u.alpha();
            s[2] = 1 - u.alpha();
            s[3] = u.eps();
            s[4] = u.momentum();
            s[5] = -u.lr();
        } else {
            OptimizerUpdate.Adagrad u = (OptimizerUpdate.Adagrad) update;
            kind = 3;
            flags |= (u.maximize() ? FLAG_MAXIMIZE : 0) | (u.weightDecay() != 0 ? FLAG_DECAY : 0);
            s[0] = u.weightDecay();
            s[1] = u.eps();
            s[2] = -u.clr();
        }
        long[] words = new long[WORDS];
        words[0] = kind;
        words[1] = flags;
        for (int i = 0; i < s.length; i++) {
            words[2 + i] = Double.doubleToRawLongBits(s[i]);
        }
        return words;
    }

}
