package dev.ithaca.random;

/**
 * Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11): a
 * counter-based generator. Output block {@code n} depends only on (key, counter n), so every
 * backend, and every thread, computes the same numbers for the same seed and offset without
 * sharing state. This is the single definition; CUDA kernels port these constants verbatim.
 */
public final class Philox {
    static final int M0 = 0xD2511F53;
    static final int M1 = 0xCD9E8D57;
    static final int W0 = 0x9E3779B9;
    static final int W1 = 0xBB67AE85;
    private static final int ROUNDS = 10;

    private Philox() {
    }

    /**
     * Computes one 128-bit block into {@code out[0..3]}.
     *
     * @param counter four 32-bit counter words, least significant first
     * @param key     two 32-bit key words
     */
    public static void block(int[] counter, int[] key, int[] out) {
        int c0 = counter[0], c1 = counter[1], c2 = counter[2], c3 = counter[3];
        int k0 = key[0], k1 = key[1];
        for (int round = 0; round < ROUNDS; round++) {
            long p0 = (M0 & 0xFFFFFFFFL) * (c0 & 0xFFFFFFFFL);
            long p1 = (M1 & 0xFFFFFFFFL) * (c2 & 0xFFFFFFFFL);
            int hi0 = (int) (p0 >>> 32), lo0 = (int) p0;
            int hi1 = (int) (p1 >>> 32), lo1 = (int) p1;
            c0 = hi1 ^ c1 ^ k0;
            c1 = lo1;
            c2 = hi0 ^ c3 ^ k1;
            c3 = lo0;
            k0 += W0;
            k1 += W1;
        }
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
    }

    /** Block number {@code blockIndex} of the stream with this 64-bit seed. */
    public static void block(long seed, long blockIndex, int[] out) {
        block(new int[] {(int) blockIndex, (int) (blockIndex >>> 32), 0, 0},
                new int[] {(int) seed, (int) (seed >>> 32)}, out);
    }
}
