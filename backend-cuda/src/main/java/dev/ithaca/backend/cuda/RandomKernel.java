package dev.ithaca.backend.cuda;

import dev.ithaca.random.Distribution;
import dev.ithaca.spi.Strided;
import dev.ithaca.tensor.DType;

/**
 * Fills a contiguous tensor from the Philox stream, one thread per block of two elements:
 * kernels/random.cu, a verbatim port of {@link dev.ithaca.random.PhiloxSampler}.
 */
final class RandomKernel {
    private final KernelLauncher launcher;

    RandomKernel(KernelLauncher launcher) {
        this.launcher = launcher;
    }

    /** The CUDA struct RandomParams: kind, integer low and range, then low/mean, width/std, high and the float below high. */
    static long[] parameters(Distribution distribution) {
        long[] words = new long[7];
        if (distribution instanceof Distribution.Uniform u) {
            words[0] = 0;
            words[3] = Double.doubleToRawLongBits(u.low());
            words[4] = Double.doubleToRawLongBits(u.high() - u.low());
            words[5] = Double.doubleToRawLongBits(u.high());
            words[6] = Double.doubleToRawLongBits(Math.nextDown((float) u.high()));
        } else if (distribution instanceof Distribution.Normal n) {
            words[0] = 1;
            words[3] = Double.doubleToRawLongBits(n.mean());
            words[4] = Double.doubleToRawLongBits(n.std());
        } else {
            Distribution.Integers i = (Distribution.Integers) distribution;
            words[0] = 2;
            words[1] = i.low();
            words[2] = i.high() - i.low();   // unsigned, as Long.remainderUnsigned reads it
        }
        return words;
    }

    void random(Distribution distribution, long seed, long offset, Strided out) {
        DType t = out.dtype();
        if (t == DType.BOOL) {
            throw new IllegalArgumentException("random: " + distribution.getClass().getSimpleName() + " cannot produce BOOL");
        }
        if (!out.isContiguous()) {
            throw new IllegalArgumentException("random: the output must be contiguous, got " + out);
        }
        long numel = out.numel();
        if (numel == 0) {
            return;
        }
        KernelArgs args = KernelArgs.begin().pointer(DeviceAddress.of(out)).i64(numel).i64(seed).i64(offset)
                .words(parameters(distribution));
        launcher.launch(KernelModule.RANDOM, "random_" + DeviceAddress.suffix(t),
                LaunchConfig.forElements(Distribution.blocksFor(numel), launcher.multiprocessors()), args);
    }
}
