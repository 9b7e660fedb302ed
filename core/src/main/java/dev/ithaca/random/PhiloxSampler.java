package dev.ithaca.random;

import dev.ithaca.tensor.DType;

/**
 * Turns Philox blocks into the values of a {@link Distribution}, two elements per block. Backends
 * that run on the host call it directly; device backends port these few lines exactly.
 */
public final class PhiloxSampler {
    private static final double TWO_PI = 2 * Math.PI;

    private final Distribution distribution;
    private final DType dtype;
    private final long seed;
    private final long offset;
    private final int[] words = new int[4];

    public PhiloxSampler(Distribution distribution, DType dtype, long seed, long offset) {
        this.distribution = distribution;
        this.dtype = dtype;
        this.seed = seed;
        this.offset = offset;
    }

    /** Values of elements {@code 2*pair} and {@code 2*pair+1} as doubles (exact for floating types). */
    public void pair(long pair, double[] out) {
        Philox.block(seed, offset + pair, words);
        if (distribution instanceof Distribution.Uniform u) {
            double width = u.high() - u.low();
            out[0] = u.low() + width * unit(words[0], words[1]);
            out[1] = u.low() + width * unit(words[2], words[3]);
            if (dtype == DType.FLOAT32) {
                // the float result must stay below high even after rounding to float
                out[0] = belowHigh((float) out[0], u.high());
                out[1] = belowHigh((float) out[1], u.high());
            }
        } else if (distribution instanceof Distribution.Normal n) {
            double radius = Math.sqrt(-2 * Math.log(1 - unit53(words[0], words[1])));
            double angle = TWO_PI * unit53(words[2], words[3]);
            out[0] = n.mean() + n.std() * radius * Math.cos(angle);
            out[1] = n.mean() + n.std() * radius * Math.sin(angle);
        } else {
            Distribution.Integers i = (Distribution.Integers) distribution;
            out[0] = integer(i, words[0], words[1]);
            out[1] = integer(i, words[2], words[3]);
        }
    }

    /** Integer values of elements {@code 2*pair} and {@code 2*pair+1}, exact for the full INT64 range. */
    public void pair(long pair, long[] out) {
        if (!(distribution instanceof Distribution.Integers i)) {
            throw new IllegalStateException("Integer sampling needs an Integers distribution, got " + distribution);
        }
        Philox.block(seed, offset + pair, words);
        out[0] = integer(i, words[0], words[1]);
        out[1] = integer(i, words[2], words[3]);
    }

    private double unit(int a, int b) {
        return dtype == DType.FLOAT32 ? (a >>> 8) * 0x1p-24 : unit53(a, b);
    }

    /** 53 random bits as a double in [0, 1). */
    static double unit53(int a, int b) {
        long bits = ((long) (a >>> 5) << 26) | (b >>> 6);
        return bits * 0x1p-53;
    }

    private static double belowHigh(float value, double high) {
        return value >= high ? Math.nextDown((float) high) : value;
    }

    private static long integer(Distribution.Integers d, int a, int b) {
        long bits = ((long) a << 32) | (b & 0xFFFFFFFFL);
        return d.low() + Long.remainderUnsigned(bits, d.high() - d.low());
    }
}
