package dev.ithaca.data;

/**
 * Building a batch failed, on a {@link DataLoader} worker thread or on the calling thread. The
 * message says which batch of which epoch and where; the cause is the original exception (a
 * {@link DataFormatException}, say), so callers that map errors look at the cause chain.
 */
public final class DataLoadingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final long batchIndex;

    public DataLoadingException(String message, int epoch, long batchIndex, Throwable cause) {
        super(message, cause);
        this.epoch = epoch;
        this.batchIndex = batchIndex;
    }

    /** Epoch of the batch that failed. */
    public int epoch() {
        return epoch;
    }

    /** Index within its epoch of the batch that failed. */
    public long batchIndex() {
        return batchIndex;
    }
}
