package dev.ithaca.data;

import dev.ithaca.spi.Backend;
import dev.ithaca.spi.Backends;
import dev.ithaca.train.Batch;
import dev.ithaca.train.BatchIterator;
import dev.ithaca.train.BatchSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Cuts a {@link Dataset} into batches, epoch after epoch, as PyTorch's {@code DataLoader}:
 *
 * <pre>{@code
 * DataLoader loader = DataLoader.builder(train).batchSize(128).shuffle(true).seed(42).numWorkers(2).build();
 * for (Batch batch : loader) {          // one epoch, then the next for-each continues with the next epoch
 *     try (batch) { ... }
 * }
 * }</pre>
 *
 * <h2>Determinism</h2>
 * With {@code shuffle}, the order of epoch {@code e} is a permutation that depends only on
 * {@code (seed, e)}: different every epoch, the same for every worker count and whatever was read
 * before. Random transforms draw from {@link SampleRandom} streams of {@code (seed, epoch, sample)}.
 * So {@link #iterate(int, long) iterate(epoch, k)} yields exactly the batches an uninterrupted
 * epoch yields from batch {@code k} on.
 *
 * <h2>Two ways to iterate</h2>
 * {@link #iterate(int, long)} (the {@link BatchSource} contract a trainer uses) is stateless.
 * {@link #iterator()} (for-each loops) continues from the loader's cursor, an (epoch, batch)
 * position it advances as batches are taken and that {@link #stateDict()} saves, so a hand-written
 * loop resumes mid-epoch too. Starting a new {@code iterator()} closes the previous one.
 *
 * <h2>Workers</h2>
 * With {@code numWorkers > 0}, daemon threads build up to {@code prefetch} batches ahead; batches
 * still come out in order. Tensors are created on the backend given to the builder, else the one
 * current ({@link Backends#current()}) on the thread that calls {@code iterate} or
 * {@code iterator}. A worker's exception is rethrown by {@code next()} as a
 * {@link DataLoadingException} with the original as cause. Closing an iterator early stops its
 * workers and frees the batches they prepared.
 *
 * <h2>Ownership</h2>
 * A batch returned by {@code next()} belongs to the caller, and to the caller's innermost open
 * {@link dev.ithaca.memory.Scope} if there is one, exactly as a tensor created there.
 */
public final class DataLoader implements BatchSource, Iterable<Batch> {
    private static final Logger LOG = LoggerFactory.getLogger(DataLoader.class);

    private final Dataset dataset;
    private final long datasetSize;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final int numWorkers;
    private final int prefetch;
    private final Transform transform;
    private final Backend backend;
    private final String threadNamePrefix;

    // guarded by this: the for-each cursor, the iterator advancing it, the last epoch's order
    private int cursorEpoch;
    private long cursorBatch;
    private CursorIterator active;
    private EpochPlan lastPlan;

    private DataLoader(Builder b) {
        this.dataset = b.dataset;
        this.datasetSize = b.dataset.size();
        if (datasetSize < 0) {
            throw new IllegalArgumentException("DataLoader: dataset " + dataset + " reports a negative size " + datasetSize);
        }
        if (b.shuffle && datasetSize > Shuffle.MAX_SIZE) {
            throw new IllegalArgumentException("DataLoader: cannot shuffle " + datasetSize + " examples, at most "
                    + Shuffle.MAX_SIZE + " (split the dataset)");
        }
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.dropLast = b.dropLast;
        this.numWorkers = b.numWorkers;
        this.prefetch = b.prefetch != null ? b.prefetch : 2 * b.numWorkers;
        this.transform = b.transform;
        this.backend = b.backend;
        this.threadNamePrefix = "ithaca-data-" + Integer.toHexString(System.identityHashCode(this)) + "-worker-";
    }

    /** A builder for a loader over {@code dataset}; defaults as PyTorch: batch size 1, no shuffle, no workers. */
    public static Builder builder(Dataset dataset) {
        return new Builder(dataset);
    }

    public Dataset dataset() {
        return dataset;
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean shuffle() {
        return shuffle;
    }

    public long seed() {
        return seed;
    }

    public boolean dropLast() {
        return dropLast;
    }

    public int numWorkers() {
        return numWorkers;
    }

    /** Batches built ahead of the consumer (0 without workers). */
    public int prefetch() {
        return prefetch;
    }

    @Override
    public long batchesPerEpoch() {
        return EpochPlan.batchCount(datasetSize, batchSize, dropLast);
    }

    @Override
    public long samplesPerEpoch() {
        return dropLast ? batchesPerEpoch() * batchSize : datasetSize;
    }

    /** The dataset indices batch {@code batch} of {@code epoch} holds, in row order. */
    public long[] sampleIndices(int epoch, long batch) {
        checkPosition("sampleIndices", epoch, batch, false);
        return plan(epoch).sampleIndices(batch);
    }

    @Override
    public BatchIterator iterate(int epoch, long firstBatch) {
        checkPosition("iterate", epoch, firstBatch, true);
        Backend target = backend != null ? backend : Backends.current();
        BatchProducer producer = new BatchProducer(dataset, transform, seed, target, plan(epoch));
        LOG.debug("epoch {}: batches {}..{} of {} on {} ({} workers)", epoch, firstBatch, producer.batches(), dataset,
                target.name(), numWorkers);
        if (numWorkers == 0) {
            return new SerialBatchIterator(producer, firstBatch);
        }
        return new PrefetchingBatchIterator(producer, firstBatch, numWorkers, prefetch, threadNamePrefix + "e" + epoch + "-");
    }

    /**
     * Iterates from the cursor: the rest of the current epoch. Taking the last batch of an epoch
     * moves the cursor to the start of the next, so the next for-each loop runs the next epoch.
     * Closes the iterator a previous call returned.
     */
    @Override
    public synchronized BatchIterator iterator() {
        if (active != null) {
            active.close();
        }
        active = new CursorIterator(iterate(cursorEpoch, cursorBatch), cursorEpoch);
        return active;
    }

    /** Epoch of the cursor (the epoch {@link #iterator()} iterates). */
    public synchronized int epoch() {
        return cursorEpoch;
    }

    /** Batch of the cursor within {@link #epoch()}: the first batch the next {@link #iterator()} yields. */
    public synchronized long position() {
        return cursorBatch;
    }

    /**
     * The cursor and the configuration it is valid for:
     * {@code epoch, batch, seed, batch_size, shuffle, drop_last, dataset_size}.
     */
    @Override
    public synchronized Map<String, Object> stateDict() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("epoch", cursorEpoch);
        state.put("batch", cursorBatch);
        state.put("seed", seed);
        state.put("batch_size", batchSize);
        state.put("shuffle", shuffle);
        state.put("drop_last", dropLast);
        state.put("dataset_size", datasetSize);
        return state;
    }

    /**
     * Moves the cursor to where {@code state} was saved. Refuses a state saved by a loader whose
     * batches differ (another seed, batch size, shuffle, drop_last or dataset size), since the
     * position would point at other samples. Closes the iterator {@link #iterator()} last returned.
     */
    @Override
    public synchronized void loadStateDict(Map<String, ?> state) {
        Objects.requireNonNull(state, "state");
        expectSame(state, "seed", seed, longEntry(state, "seed"));
        expectSame(state, "batch_size", batchSize, longEntry(state, "batch_size"));
        expectSame(state, "shuffle", shuffle, booleanEntry(state, "shuffle"));
        expectSame(state, "drop_last", dropLast, booleanEntry(state, "drop_last"));
        expectSame(state, "dataset_size", datasetSize, longEntry(state, "dataset_size"));
        long epoch = longEntry(state, "epoch");
        long batch = longEntry(state, "batch");
        if (epoch < 0 || epoch > Integer.MAX_VALUE || batch < 0 || batch > batchesPerEpoch()) {
            throw new IllegalArgumentException("DataLoader.loadStateDict: position epoch=" + epoch + ", batch=" + batch
                    + " is invalid; need epoch in [0, " + Integer.MAX_VALUE + "] and batch in [0, " + batchesPerEpoch() + "]");
        }
        if (active != null) {
            active.close();
            active = null;
        }
        boolean epochDone = batch == batchesPerEpoch() && batch > 0;
        cursorEpoch = (int) epoch + (epochDone ? 1 : 0);
        cursorBatch = epochDone ? 0 : batch;
    }

    @Override
    public String toString() {
        return "DataLoader(" + dataset + ", batchSize=" + batchSize + ", shuffle=" + shuffle + ", seed=" + seed + ", dropLast="
                + dropLast + ", numWorkers=" + numWorkers + ")";
    }

    private synchronized EpochPlan plan(int epoch) {
        if (lastPlan == null || lastPlan.epoch() != epoch) {
            long[] order = shuffle ? Shuffle.permutation(datasetSize, seed, epoch, Shuffle.EPOCH_ORDER) : null;
            lastPlan = new EpochPlan(epoch, order, datasetSize, batchSize, dropLast);
        }
        return lastPlan;
    }

    private void checkPosition(String method, int epoch, long batch, boolean endAllowed) {
        long batches = batchesPerEpoch();
        if (epoch < 0) {
            throw new IllegalArgumentException("DataLoader." + method + ": epoch must be >= 0, got " + epoch);
        }
        if (batch < 0 || batch > batches || batch == batches && !endAllowed) {
            throw new IllegalArgumentException("DataLoader." + method + ": batch " + batch + " is outside [0, " + batches
                    + (endAllowed ? "]" : ")") + "; an epoch has " + batches + " batches");
        }
    }

    private synchronized void moveCursor(CursorIterator from, long nextBatch) {
        if (active != from) {
            return;
        }
        if (nextBatch >= batchesPerEpoch()) {
            cursorEpoch = from.epoch + 1;
            cursorBatch = 0;
        } else {
            cursorBatch = nextBatch;
        }
    }

    private static long longEntry(Map<String, ?> state, String key) {
        Object value = entry(state, key);
        if (!(value instanceof Number number) || number instanceof Double || number instanceof Float) {
            throw new IllegalArgumentException("DataLoader.loadStateDict: '" + key + "' must be an integer, got " + value);
        }
        return number.longValue();
    }

    private static boolean booleanEntry(Map<String, ?> state, String key) {
        Object value = entry(state, key);
        if (!(value instanceof Boolean flag)) {
            throw new IllegalArgumentException("DataLoader.loadStateDict: '" + key + "' must be true or false, got " + value);
        }
        return flag;
    }

    private static Object entry(Map<String, ?> state, String key) {
        if (!state.containsKey(key)) {
            throw new IllegalArgumentException("DataLoader.loadStateDict: the state has no '" + key + "' entry (keys: "
                    + state.keySet() + "); pass a map saved by DataLoader.stateDict()");
        }
        return state.get(key);
    }

    private static void expectSame(Map<String, ?> state, String key, Object mine, Object saved) {
        boolean same = mine instanceof Number m ? m.longValue() == ((Number) saved).longValue() : mine.equals(saved);
        if (!same) {
            throw new IllegalArgumentException("DataLoader.loadStateDict: the state was saved with " + key + "=" + saved
                    + " but this loader has " + key + "=" + mine + "; a position only resumes with the same seed, batch_size,"
                    + " shuffle, drop_last and dataset_size (saved state: " + state + ")");
        }
    }

    /** An iterator from {@link #iterator()}: moves the loader's cursor as batches are taken. */
    private final class CursorIterator implements BatchIterator {
        private final BatchIterator delegate;
        private final int epoch;

        CursorIterator(BatchIterator delegate, int epoch) {
            this.delegate = delegate;
            this.epoch = epoch;
        }

        @Override
        public boolean hasNext() {
            boolean more = delegate.hasNext();
            if (!more && delegate.nextBatchIndex() >= batchesPerEpoch()) {
                moveCursor(this, delegate.nextBatchIndex()); // also ends empty epochs
            }
            return more;
        }

        @Override
        public Batch next() {
            Batch batch = delegate.next();
            moveCursor(this, delegate.nextBatchIndex());
            return batch;
        }

        @Override
        public long nextBatchIndex() {
            return delegate.nextBatchIndex();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** Options of a {@link DataLoader}; every setter checks its argument. */
    public static final class Builder {
        private final Dataset dataset;
        private int batchSize = 1;
        private boolean shuffle;
        private long seed;
        private boolean dropLast;
        private int numWorkers;
        private Integer prefetch;
        private Transform transform;
        private Backend backend;

        private Builder(Dataset dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
        }

        /** Examples per batch (default 1). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("DataLoader: batchSize must be >= 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** A new seeded order every epoch (default false: dataset order). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Seed of the shuffle and of random transforms (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Drop the last batch of an epoch when it is smaller than {@code batchSize} (default false). */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** Worker threads that build batches ahead (default 0: batches are built on the calling thread, on demand). */
        public Builder numWorkers(int numWorkers) {
            if (numWorkers < 0) {
                throw new IllegalArgumentException("DataLoader: numWorkers must be >= 0 (0 loads on the calling thread), got "
                        + numWorkers);
            }
            this.numWorkers = numWorkers;
            return this;
        }

        /**
         * Batches built ahead of the consumer, across all workers (default {@code 2 * numWorkers},
         * as PyTorch's {@code prefetch_factor=2}). Needs {@code numWorkers > 0}, and at least one
         * slot per worker.
         */
        public Builder prefetch(int batches) {
            if (batches < 1) {
                throw new IllegalArgumentException("DataLoader: prefetch must be >= 1 batch, got " + batches);
            }
            this.prefetch = batches;
            return this;
        }

        /** Applied to every batch, in order (replaces transforms set before; none by default). */
        public Builder transform(Transform... transforms) {
            if (transforms.length == 0) {
                this.transform = null;
            } else {
                this.transform = transforms.length == 1 ? Objects.requireNonNull(transforms[0], "transform")
                        : Transform.compose(transforms);
            }
            return this;
        }

        /** Create batches on this backend (default: the one current on the thread that starts each iteration). */
        public Builder backend(Backend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
            return this;
        }

        public DataLoader build() {
            if (prefetch != null && numWorkers == 0) {
                throw new IllegalArgumentException("DataLoader: prefetch(" + prefetch + ") needs numWorkers > 0;"
                        + " without workers each batch is built when it is asked for");
            }
            if (prefetch != null && prefetch < numWorkers) {
                throw new IllegalArgumentException("DataLoader: prefetch (" + prefetch + ") must be >= numWorkers (" + numWorkers
                        + "): each worker needs a slot for the batch it builds");
            }
            return new DataLoader(this);
        }
    }
}
