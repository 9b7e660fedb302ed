package dev.ithaca.data;

import dev.ithaca.train.Batch;
import dev.ithaca.train.BatchIterator;

import java.lang.ref.Cleaner;
import java.util.NoSuchElementException;

/**
 * Hands out, in order, the batches a {@link PrefetchPipeline} builds on worker threads. Closing
 * it (or reaching the end of the epoch) stops the workers and frees unconsumed batches; an
 * iterator dropped without closing is stopped by a {@link Cleaner} once collected.
 */
final class PrefetchingBatchIterator implements BatchIterator {
    private static final Cleaner ABANDONED = Cleaner.create();

    private final PrefetchPipeline pipeline;
    private final Cleaner.Cleanable cleanable;
    private final long end;
    private final int epoch;
    private long next;
    private boolean closed;

    PrefetchingBatchIterator(BatchProducer producer, long firstBatch, int workers, int capacity, String threadNamePrefix) {
        this.pipeline = new PrefetchPipeline(producer, firstBatch, capacity);
        this.end = producer.batches();
        this.epoch = producer.epoch();
        this.next = firstBatch;
        PrefetchPipeline stopOnCollect = pipeline;
        this.cleanable = ABANDONED.register(this, () -> stopOnCollect.stop(false));
        if (firstBatch < end) {
            pipeline.start(workers, threadNamePrefix);
        }
    }

    @Override
    public boolean hasNext() {
        return !closed && next < end;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("DataLoader: epoch " + epoch + " has no batch " + next
                    + (closed ? " (the iterator was closed)" : " (it has " + end + ")"));
        }
        Batch batch;
        try {
            batch = pipeline.take();
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                abandon(); // the caller wants out now, not after workers finish the batches they are building
            } else {
                close();
            }
            throw e;
        }
        next++;
        if (next == end) {
            close(); // workers are done; release their threads now
        }
        return BatchProducer.handOver(batch);
    }

    @Override
    public long nextBatchIndex() {
        return next;
    }

    /** Stops, frees unconsumed batches and waits for workers to finish the batches they are building (and free them). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            pipeline.stop(true);
            cleanable.clean();
        }
    }

    /** As {@link #close()} without waiting: workers free their last batch themselves when they finish it. */
    private void abandon() {
        closed = true;
        pipeline.stop(false);
        cleanable.clean();
    }
}
