package dev.ithaca.data;

import dev.ithaca.memory.Scope;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;

/**
 * Builds batch {@code k} of one epoch: the dataset's rows, then the transform, on the backend the
 * loader resolved for this iteration (worker threads do not share the caller's
 * {@link Backends#use}). Everything is built inside a private {@link Scope}, so a failure or a
 * transform's intermediates free their memory; the finished batch belongs to no scope until
 * {@link #handOver} gives it to the consumer's.
 */
final class BatchProducer {
    private final Dataset dataset;
    private final Transform transform;
    private final long seed;
    private final Backend backend;
    private final EpochPlan plan;

    BatchProducer(Dataset dataset, Transform transform, long seed, Backend backend, EpochPlan plan) {
        this.dataset = dataset;
        this.transform = transform;
        this.seed = seed;
        this.backend = backend;
        this.plan = plan;
    }

    int epoch() {
        return plan.epoch();
    }

    long batches() {
        return plan.batches();
    }

    Batch produce(long batchIndex) {
        long[] indices = plan.sampleIndices(batchIndex);
        Batch batch;
        try (Backends.Use use = Backends.use(backend); Scope scope = Scope.open()) {
            Batch loaded = checkRows(dataset.batch(indices), indices.length, "dataset " + dataset);
            batch = transform == null ? loaded
                    : checkRows(transform.apply(loaded, new BatchContext(seed, plan.epoch(), batchIndex, indices)),
                            indices.length, "transform " + transform);
            keep(scope, batch.input());
            if (batch.target() != null && batch.target() != batch.input()) {
                keep(scope, batch.target());
            }
        }
        // on the calling thread the scope handed the tensors to the caller's scope: take them back
        Scope.untrack(batch.input());
        if (batch.target() != null) {
            Scope.untrack(batch.target());
        }
        return batch;
    }

    /** Puts a finished batch under the consumer thread's innermost scope, as if created there. */
    static Batch handOver(Batch batch) {
        Scope.track(batch.input());
        if (batch.target() != null && batch.target() != batch.input()) {
            Scope.track(batch.target());
        }
        return batch;
    }

    /** The exception the consumer sees for a batch that could not be built. */
    DataLoadingException failure(long batchIndex, Throwable cause, String where) {
        return new DataLoadingException("DataLoader: building batch " + batchIndex + " of epoch " + plan.epoch() + " (of "
                + plan.batches() + ") failed " + where + ": " + cause, plan.epoch(), batchIndex, cause);
    }

    private static Batch checkRows(Batch batch, int rows, String source) {
        if (batch == null) {
            throw new IllegalStateException(source + " returned null instead of a batch of " + rows + " rows");
        }
        if (batch.size() != rows) {
            batch.close();
            throw new IllegalStateException(source + " returned " + batch.size() + " rows for " + rows + " sample indices");
        }
        return batch;
    }

    private static void keep(Scope scope, Tensor t) {
        if (t.isClosed()) {
            throw new IllegalStateException("DataLoader: the batch holds a tensor that was already freed (" + t.describe()
                    + "); a transform must not close the tensors it returns");
        }
        try {
            scope.detach(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("DataLoader: the batch holds a tensor that was not created while building it ("
                    + t.describe() + "); Dataset.batch and Transform.apply must return new tensors the caller owns", e);
        }
    }
}
