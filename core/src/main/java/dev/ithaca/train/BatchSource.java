package dev.ithaca.train;

import java.util.Map;

/**
 * Where a training loop gets its batches, epoch by epoch. The batches of an epoch depend only on
 * the epoch number (and the source's own seed), never on what was read before, so a loop that
 * resumes mid-epoch asks for {@code iterate(epoch, firstBatch)} and sees exactly the batches an
 * uninterrupted run would have seen. {@code DataLoader} in {@code ithaca-data} implements it.
 */
public interface BatchSource {

    /** Batches one epoch yields. */
    long batchesPerEpoch();

    /** Samples one epoch covers (the last batch may be smaller unless the source drops it). */
    long samplesPerEpoch();

    /**
     * The batches of {@code epoch} (from 0), starting with batch {@code firstBatch} (from 0).
     * Close the iterator to stop any background work when leaving the epoch early.
     */
    BatchIterator iterate(int epoch, long firstBatch);

    /** The epoch's batches from the first one. */
    default BatchIterator iterate(int epoch) {
        return iterate(epoch, 0);
    }

    /** Plain data describing the source's configuration and position, restored by {@link #loadStateDict}. */
    default Map<String, Object> stateDict() {
        return Map.of();
    }

    default void loadStateDict(Map<String, ?> state) {
    }
}
