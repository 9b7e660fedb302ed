package dev.ithaca.train;

import java.util.Iterator;

/**
 * The batches of one epoch of a {@link BatchSource}. {@link #close()} stops background loading
 * and frees batches that were prepared but not handed out; batches already returned by
 * {@link #next()} belong to the caller.
 */
public interface BatchIterator extends Iterator<Batch>, AutoCloseable {

    /** Index within the epoch of the batch the next call to {@link #next()} returns. */
    long nextBatchIndex();

    @Override
    void close();
}
