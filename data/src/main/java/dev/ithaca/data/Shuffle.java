package dev.ithaca.data;

/**
 * Seeded permutations: Fisher-Yates driven by {@link PhiloxInts}, so the order depends only on
 * (seed, epoch, purpose). Counter word 3 separates the purposes from each other and from
 * {@link SampleRandom}, which uses non-negative stages there.
 */
final class Shuffle {
    /** Counter word 3 of the loader's per-epoch shuffles. */
    static final int EPOCH_ORDER = -1;
    /** Counter word 3 of {@link Datasets#randomSplit}. */
    static final int SPLIT = -2;
    /** Largest permutation held in one array. */
    static final long MAX_SIZE = Integer.MAX_VALUE - 8;

    private Shuffle() {
    }

    /** A permutation of {@code 0 .. n-1}. */
    static long[] permutation(long n, long seed, int epoch, int purpose) {
        if (n < 0 || n > MAX_SIZE) {
            throw new IllegalArgumentException("cannot shuffle " + n + " samples: at most " + MAX_SIZE + " fit in one permutation");
        }
        long[] order = new long[(int) n];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        PhiloxInts random = new PhiloxInts(seed, epoch, purpose);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
