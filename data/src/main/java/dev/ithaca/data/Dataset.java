package dev.ithaca.data;

import dev.ithaca.train.Batch;

/**
 * A fixed-size, indexable collection of labelled examples. Rows are fetched a batch at a time
 * ({@link #batch(long[])}) so readers that hold their data in compact arrays build one tensor per
 * batch instead of one per example. Implementations are read-only and safe to call from several
 * threads at once (the {@link DataLoader} prefetches on worker threads).
 */
public interface Dataset {

    /** Number of examples. */
    long size();

    /**
     * The examples at {@code indices} (each in {@code [0, size())}), stacked along a new first
     * dimension: {@code input} is {@code [indices.length, ...]}, {@code target} likewise or null
     * for unlabelled data. The caller owns the returned tensors.
     */
    Batch batch(long[] indices);
}
