package dev.ithaca.data;

import java.util.Arrays;

/**
 * Where a batch comes from, for {@link Transform}s: the loader's seed, the epoch, the batch's
 * index within the epoch, the dataset index of each row, and the transform's position
 * ({@code stage}) in its chain. Random transforms draw from {@link #random(int)}, which depends
 * only on these values, so augmentation does not depend on thread scheduling or batching.
 */
public final class BatchContext {
    private final long seed;
    private final int epoch;
    private final long batchIndex;
    private final long[] sampleIndices;
    private final int stage;

    /**
     * @param seed          the loader's seed
     * @param epoch         epoch from 0
     * @param batchIndex    index of the batch within its epoch
     * @param sampleIndices dataset index of each row of the batch (copied)
     */
    public BatchContext(long seed, int epoch, long batchIndex, long[] sampleIndices) {
        this(seed, epoch, batchIndex, sampleIndices.clone(), 0);
    }

    private BatchContext(long seed, int epoch, long batchIndex, long[] sampleIndices, int stage) {
        if (epoch < 0) {
            throw new IllegalArgumentException("BatchContext: epoch must be >= 0, got " + epoch);
        }
        if (batchIndex < 0) {
            throw new IllegalArgumentException("BatchContext: batchIndex must be >= 0, got " + batchIndex);
        }
        if (stage < 0) {
            throw new IllegalArgumentException("BatchContext: stage must be >= 0, got " + stage);
        }
        this.seed = seed;
        this.epoch = epoch;
        this.batchIndex = batchIndex;
        this.sampleIndices = sampleIndices;
        this.stage = stage;
    }

    public long seed() {
        return seed;
    }

    public int epoch() {
        return epoch;
    }

    public long batchIndex() {
        return batchIndex;
    }

    /** Position of the current transform in its chain (0 for a lone transform). */
    public int stage() {
        return stage;
    }

    /** Rows in the batch. */
    public int size() {
        return sampleIndices.length;
    }

    /** Dataset index of row {@code row}. */
    public long sampleIndex(int row) {
        return sampleIndices[row];
    }

    /** Dataset index of every row (a copy). */
    public long[] sampleIndices() {
        return sampleIndices.clone();
    }

    /** The random stream of row {@code row} for this epoch and stage. */
    public SampleRandom random(int row) {
        return SampleRandom.of(seed, epoch, stage, sampleIndices[row]);
    }

    /** The same batch seen by the transform at position {@code newStage} of a chain. */
    public BatchContext withStage(int newStage) {
        return new BatchContext(seed, epoch, batchIndex, sampleIndices, newStage);
    }

    @Override
    public String toString() {
        return "BatchContext(seed=" + seed + ", epoch=" + epoch + ", batch=" + batchIndex + ", stage=" + stage
                + ", samples=" + (sampleIndices.length <= 8 ? Arrays.toString(sampleIndices) : sampleIndices.length + " rows") + ")";
    }
}
