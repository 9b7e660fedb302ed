package dev.ithaca.data;

import dev.ithaca.train.Batch;
import dev.ithaca.train.BatchIterator;

import java.util.NoSuchElementException;

/** Builds each batch on the calling thread when it is asked for ({@code numWorkers = 0}). */
final class SerialBatchIterator implements BatchIterator {
    private final BatchProducer producer;
    private long next;
    private boolean closed;

    SerialBatchIterator(BatchProducer producer, long firstBatch) {
        this.producer = producer;
        this.next = firstBatch;
    }

    @Override
    public boolean hasNext() {
        return !closed && next < producer.batches();
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("DataLoader: epoch " + producer.epoch() + " has no batch " + next
                    + (closed ? " (the iterator was closed)" : " (it has " + producer.batches() + ")"));
        }
        Batch batch;
        try {
            batch = producer.produce(next);
        } catch (RuntimeException e) {
            closed = true;
            throw producer.failure(next, e, "on the calling thread");
        }
        next++;
        return BatchProducer.handOver(batch);
    }

    @Override
    public long nextBatchIndex() {
        return next;
    }

    @Override
    public void close() {
        closed = true;
    }
}
