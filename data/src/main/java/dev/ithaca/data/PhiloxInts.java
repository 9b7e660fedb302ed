package dev.ithaca.data;

import dev.ithaca.random.Philox;

/**
 * A sequence of 32-bit random words from core's {@link Philox}: block {@code b} of the sequence is
 * Philox with the given key and counter {@code (b, b >>> 32, word2, word3)}. The two fixed counter
 * words select the purpose (shuffle of an epoch, split, one sample's stream), so sequences for
 * different purposes never share a block.
 */
final class PhiloxInts {
    private final int[] key;
    private final int[] counter;
    private final int[] words = new int[4];
    private long block;
    private int used = 4;

    PhiloxInts(long key, int word2, int word3) {
        this((int) key, (int) (key >>> 32), word2, word3);
    }

    PhiloxInts(int key0, int key1, int word2, int word3) {
        this.key = new int[] {key0, key1};
        this.counter = new int[] {0, 0, word2, word3};
    }

    int nextInt() {
        if (used == 4) {
            counter[0] = (int) block;
            counter[1] = (int) (block >>> 32);
            Philox.block(counter, key, words);
            block++;
            used = 0;
        }
        return words[used++];
    }

    /**
     * Uniform in {@code [0, bound)} without modulo bias (Lemire's multiply-and-reject method:
     * "Fast random integer generation in an interval", 2019).
     */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long product = (nextInt() & 0xFFFFFFFFL) * bound;
        long low = product & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (1L << 32) % bound;
            while (low < threshold) {
                product = (nextInt() & 0xFFFFFFFFL) * bound;
                low = product & 0xFFFFFFFFL;
            }
        }
        return (int) (product >>> 32);
    }

    /** Uniform in {@code [0, 1)} with 53 random bits. */
    double nextDouble() {
        long high = nextInt() >>> 5;
        long low = nextInt() >>> 6;
        return ((high << 26) | low) * 0x1p-53;
    }
}
