package dev.ithaca.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Subsets and seeded random splits of datasets. */
public final class Datasets {
    /** How far fractions may sum from 1 (rounding in user code). */
    private static final double FRACTION_TOLERANCE = 1e-6;

    private Datasets() {
    }

    /** Examples {@code from} (inclusive) to {@code to} (exclusive), in order. */
    public static Subset subset(Dataset dataset, long from, long to) {
        long n = dataset.size();
        if (from < 0 || to < from || to > n) {
            throw new IllegalArgumentException("Datasets.subset: range [" + from + ", " + to + ") is not within [0, " + n
                    + "] of " + dataset + "; need 0 <= from <= to <= size");
        }
        if (to - from > Shuffle.MAX_SIZE) {
            throw new IllegalArgumentException("Datasets.subset: " + (to - from) + " examples do not fit one index array");
        }
        long[] indices = new long[(int) (to - from)];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = from + i;
        }
        return new Subset(dataset, indices);
    }

    /** The examples at {@code indices}, in that order. */
    public static Subset subset(Dataset dataset, long... indices) {
        return new Subset(dataset, indices);
    }

    /**
     * Splits {@code dataset} into non-overlapping random subsets of the given fractions, as
     * PyTorch's {@code random_split}: each gets {@code floor(size * fraction)} examples and the
     * remainder goes one by one to the first subsets. The same seed gives the same split.
     *
     * @param fractions non-negative, summing to 1
     */
    public static List<Subset> randomSplit(Dataset dataset, double[] fractions, long seed) {
        if (fractions.length == 0) {
            throw new IllegalArgumentException("Datasets.randomSplit: fractions must not be empty");
        }
        double sum = 0;
        for (double f : fractions) {
            if (!(f >= 0 && f <= 1)) {
                throw new IllegalArgumentException("Datasets.randomSplit: every fraction must be in [0, 1], got "
                        + Arrays.toString(fractions));
            }
            sum += f;
        }
        if (Math.abs(sum - 1) > FRACTION_TOLERANCE) {
            throw new IllegalArgumentException("Datasets.randomSplit: fractions " + Arrays.toString(fractions) + " sum to " + sum
                    + ", they must sum to 1 (or pass lengths instead)");
        }
        long n = dataset.size();
        long[] lengths = new long[fractions.length];
        long assigned = 0;
        for (int i = 0; i < fractions.length; i++) {
            lengths[i] = (long) Math.floor(n * fractions[i]);
            assigned += lengths[i];
        }
        for (int i = 0; assigned < n; i = (i + 1) % lengths.length) {
            lengths[i]++;
            assigned++;
        }
        return randomSplit(dataset, lengths, seed);
    }

    /**
     * Splits {@code dataset} into non-overlapping random subsets of the given lengths, which must
     * sum to its size. The same seed gives the same split.
     */
    public static List<Subset> randomSplit(Dataset dataset, long[] lengths, long seed) {
        long n = dataset.size();
        long total = 0;
        for (long length : lengths) {
            if (length < 0) {
                throw new IllegalArgumentException("Datasets.randomSplit: lengths must be >= 0, got " + Arrays.toString(lengths));
            }
            total += length;
        }
        if (lengths.length == 0 || total != n) {
            throw new IllegalArgumentException("Datasets.randomSplit: lengths " + Arrays.toString(lengths) + " sum to " + total
                    + " but the dataset has " + n + " examples; they must be equal");
        }
        long[] order = Shuffle.permutation(n, seed, 0, Shuffle.SPLIT);
        List<Subset> parts = new ArrayList<>(lengths.length);
        int start = 0;
        for (long length : lengths) {
            parts.add(new Subset(dataset, Arrays.copyOfRange(order, start, start + (int) length)));
            start += (int) length;
        }
        return List.copyOf(parts);
    }
}
