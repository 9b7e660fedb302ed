package dev.ithaca.data;

import dev.ithaca.train.Batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Worker threads building the batches of one epoch ahead of the consumer. Workers claim batch
 * indices in order, but only up to {@code capacity} ahead of the next batch the consumer takes,
 * so at most {@code capacity} batches are in flight or waiting; results are taken strictly in
 * order. A worker's exception is stored in place of its batch and rethrown by {@link #take()}.
 *
 * <p>Holds no reference to the iterator that owns it, so a forgotten iterator can be collected
 * and its {@link java.lang.ref.Cleaner} can stop the workers.
 */
final class PrefetchPipeline {
    /** A batch that could not be built, kept in its place in the order. */
    private record Failure(Throwable cause, String thread) {
    }

    private final BatchProducer producer;
    private final long end;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition slotFree = lock.newCondition();
    private final Condition batchReady = lock.newCondition();
    private final Map<Long, Object> finished = new HashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private long nextToClaim;
    private long nextToTake;
    private boolean stopped;

    PrefetchPipeline(BatchProducer producer, long firstBatch, int capacity) {
        this.producer = producer;
        this.end = producer.batches();
        this.capacity = capacity;
        this.nextToClaim = firstBatch;
        this.nextToTake = firstBatch;
    }

    /** Starts {@code count} daemon workers named {@code namePrefix + i}. */
    void start(int count, String namePrefix) {
        for (int i = 0; i < count; i++) {
            Thread worker = new Thread(this::work, namePrefix + i);
            worker.setDaemon(true);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
    }

    private void work() {
        while (true) {
            long index;
            lock.lock();
            try {
                while (!stopped && nextToClaim < end && nextToClaim >= nextToTake + capacity) {
                    slotFree.awaitUninterruptibly();
                }
                if (stopped || nextToClaim >= end) {
                    return;
                }
                index = nextToClaim++;
            } finally {
                lock.unlock();
            }
            Object result;
            try {
                result = producer.produce(index);
            } catch (Throwable e) {
                result = new Failure(e, Thread.currentThread().getName());
            }
            lock.lock();
            try {
                if (!stopped) {
                    finished.put(index, result);
                    batchReady.signalAll();
                    continue;
                }
            } finally {
                lock.unlock();
            }
            // stopped while this batch was being built: nobody will take it
            if (result instanceof Batch batch) {
                batch.close();
            }
            return;
        }
    }

    /** The next batch in order, waiting for it if needed. */
    Batch take() {
        Object result;
        long index;
        lock.lock();
        try {
            index = nextToTake;
            while (!finished.containsKey(index)) {
                if (stopped) {
                    throw new IllegalStateException("DataLoader: the iterator was closed while waiting for batch " + index);
                }
                try {
                    batchReady.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw producer.failure(index, e, "because the consumer thread was interrupted while waiting for it");
                }
            }
            result = finished.remove(index);
            nextToTake++;
            slotFree.signalAll();
        } finally {
            lock.unlock();
        }
        if (result instanceof Failure failure) {
            throw producer.failure(index, failure.cause(), "in worker thread '" + failure.thread() + "'");
        }
        return (Batch) result;
    }

    /**
     * Stops the workers and frees the batches built but not taken. With {@code join}, also waits
     * for workers still building a batch (they free it themselves), so no memory is in flight
     * after this returns.
     */
    void stop(boolean join) {
        List<Object> unclaimed;
        lock.lock();
        try {
            stopped = true;
            unclaimed = new ArrayList<>(finished.values());
            finished.clear();
            slotFree.signalAll();
            batchReady.signalAll();
        } finally {
            lock.unlock();
        }
        for (Object result : unclaimed) {
            if (result instanceof Batch batch) {
                batch.close();
            }
        }
        if (join) {
            joinWorkers();
        }
    }

    private void joinWorkers() {
        boolean interrupted = false;
        for (Thread worker : workers) {
            while (worker.isAlive() && worker != Thread.currentThread()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
