package dev.ithaca.data;

/** The sample order of one epoch and how it is cut into batches. */
final class EpochPlan {
    private final int epoch;
    private final long[] order;
    private final long size;
    private final int batchSize;
    private final long batches;

    /** @param order a permutation of the dataset's indices, or null for the natural order */
    EpochPlan(int epoch, long[] order, long size, int batchSize, boolean dropLast) {
        this.epoch = epoch;
        this.order = order;
        this.size = size;
        this.batchSize = batchSize;
        this.batches = batchCount(size, batchSize, dropLast);
    }

    static long batchCount(long size, int batchSize, boolean dropLast) {
        return dropLast ? size / batchSize : (size + batchSize - 1) / batchSize;
    }

    int epoch() {
        return epoch;
    }

    long batches() {
        return batches;
    }

    /** Dataset indices of batch {@code batch} (the last one may be short unless dropped). */
    long[] sampleIndices(long batch) {
        if (batch < 0 || batch >= batches) {
            throw new IndexOutOfBoundsException("batch " + batch + " is outside [0, " + batches + ") of epoch " + epoch);
        }
        long start = batch * batchSize;
        int length = (int) Math.min(batchSize, size - start);
        long[] indices = new long[length];
        if (order == null) {
            for (int i = 0; i < length; i++) {
                indices[i] = start + i;
            }
        } else {
            System.arraycopy(order, (int) start, indices, 0, length);
        }
        return indices;
    }
}
