package dev.ithaca.cli.build;

import dev.ithaca.train.Batch;
import dev.ithaca.train.BatchIterator;
import dev.ithaca.train.BatchSource;

import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The first {@code limit} batches of each epoch of another source (Lightning's
 * {@code limit_train_batches}). With a shuffling loader these are a different random subset every
 * epoch, so a long corpus is sampled rather than cut.
 */
public final class LimitedBatches implements BatchSource {
    private final BatchSource source;
    private final long limit;

    public LimitedBatches(BatchSource source, long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("LimitedBatches: limit must be >= 1, got " + limit);
        }
        this.source = source;
        this.limit = limit;
    }

    /** {@code source} itself when {@code limit} is null or not below its batch count. */
    public static BatchSource of(BatchSource source, Integer limit) {
        return limit == null || limit >= source.batchesPerEpoch() ? source : new LimitedBatches(source, limit);
    }

    @Override
    public long batchesPerEpoch() {
        return Math.min(limit, source.batchesPerEpoch());
    }

    @Override
    public long samplesPerEpoch() {
        long all = source.batchesPerEpoch();
        return all == 0 ? 0 : Math.min(source.samplesPerEpoch(), (source.samplesPerEpoch() + all - 1) / all * batchesPerEpoch());
    }

    @Override
    public BatchIterator iterate(int epoch, long firstBatch) {
        BatchIterator inner = source.iterate(epoch, firstBatch);
        long end = batchesPerEpoch();
        return new BatchIterator() {
            @Override
            public long nextBatchIndex() {
                return inner.nextBatchIndex();
            }

            @Override
            public boolean hasNext() {
                return inner.nextBatchIndex() < end && inner.hasNext();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("epoch " + epoch + " is limited to " + end + " batches");
                }
                return inner.next();
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    @Override
    public Map<String, Object> stateDict() {
        return source.stateDict();
    }

    @Override
    public void loadStateDict(Map<String, ?> state) {
        source.loadStateDict(state);
    }
}
