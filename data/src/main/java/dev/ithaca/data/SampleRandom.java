package dev.ithaca.data;

import dev.ithaca.random.Philox;

/**
 * The random numbers of one sample in one epoch for one transform: they depend only on
 * {@code (seed, epoch, stage, sampleIndex)}, never on which thread builds the batch, how samples
 * are batched or what was drawn before, so augmented data is identical for every worker count
 * and after a resume. Built on core's Philox4x32-10: the four inputs give a 128-bit block that
 * becomes the key and fixed counter words of this sample's own stream.
 *
 * <p>Not thread-safe: each sample gets its own instance (cheap: one Philox block).
 */
public final class SampleRandom {
    private final PhiloxInts ints;

    private SampleRandom(PhiloxInts ints) {
        this.ints = ints;
    }

    /**
     * The stream of sample {@code sampleIndex} (its index in the dataset) in {@code epoch}, for the
     * transform at position {@code stage} of the chain.
     */
    public static SampleRandom of(long seed, int epoch, int stage, long sampleIndex) {
        if (stage < 0) {
            throw new IllegalArgumentException("SampleRandom: stage must be >= 0, got " + stage);
        }
        int[] derived = new int[4];
        Philox.block(new int[] {(int) sampleIndex, (int) (sampleIndex >>> 32), epoch, stage},
                new int[] {(int) seed, (int) (seed >>> 32)}, derived);
        return new SampleRandom(new PhiloxInts(derived[0], derived[1], derived[2], derived[3]));
    }

    /** 32 uniformly random bits. */
    public int nextInt() {
        return ints.nextInt();
    }

    /** Uniform in {@code [0, bound)}, unbiased. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("SampleRandom.nextInt: bound must be positive, got " + bound);
        }
        return ints.nextInt(bound);
    }

    /** Uniform in {@code [0, 1)}. */
    public double nextDouble() {
        return ints.nextDouble();
    }

    /** True with probability {@code p}. */
    public boolean nextBoolean(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("SampleRandom.nextBoolean: p must be a probability in [0, 1], got " + p);
        }
        return ints.nextDouble() < p;
    }
}
