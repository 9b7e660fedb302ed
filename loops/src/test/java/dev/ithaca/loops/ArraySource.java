package dev.ithaca.loops;

import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;
import dev.ithaca.train.BatchIterator;
import dev.ithaca.train.BatchSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A {@link BatchSource} over {@link SyntheticData}: fixed-size batches (the last may be smaller),
 * optionally reshuffled each epoch by a permutation that depends only on the seed and the epoch, as
 * a real data loader. Every tensor it hands out is remembered, so tests can check the loop freed them.
 */
final class ArraySource implements BatchSource {
    private final SyntheticData data;
    private final int batchSize;
    private final Long shuffleSeed;
    private final List<Tensor> handedOut = new ArrayList<>();

    private ArraySource(SyntheticData data, int batchSize, Long shuffleSeed) {
        this.data = data;
        this.batchSize = batchSize;
        this.shuffleSeed = shuffleSeed;
    }

    static ArraySource of(SyntheticData data, int batchSize) {
        return new ArraySource(data, batchSize, null);
    }

    static ArraySource shuffled(SyntheticData data, int batchSize, long seed) {
        return new ArraySource(data, batchSize, seed);
    }

    List<Tensor> handedOut() {
        return handedOut;
    }

    @Override
    public long batchesPerEpoch() {
        return (data.rows() + batchSize - 1) / batchSize;
    }

    @Override
    public long samplesPerEpoch() {
        return data.rows();
    }

    /** Row order of {@code epoch}: identity, or a Fisher-Yates shuffle seeded by (seed, epoch). */
    int[] order(int epoch) {
        int[] order = new int[data.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffleSeed != null) {
            SplittableRandom random = new SplittableRandom(shuffleSeed * 1_000_003L + epoch);
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    @Override
    public BatchIterator iterate(int epoch, long firstBatch) {
        if (firstBatch < 0 || firstBatch > batchesPerEpoch()) {
            throw new IllegalArgumentException("firstBatch must be in [0, " + batchesPerEpoch() + "], got " + firstBatch);
        }
        int[] order = order(epoch);
        return new BatchIterator() {
            private long next = firstBatch;

            @Override
            public long nextBatchIndex() {
                return next;
            }

            @Override
            public boolean hasNext() {
                return next < batchesPerEpoch();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int from = (int) (next * batchSize);
                int to = Math.min(from + batchSize, data.rows());
                next++;
                return batch(order, from, to);
            }

            @Override
            public void close() {
            }
        };
    }

    private Batch batch(int[] order, int from, int to) {
        int n = to - from;
        int f = data.features();
        float[] x = new float[n * f];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data.inputs(), order[from + i] * f, x, i * f, f);
        }
        Tensor input = Tensor.of(x, n, f);
        Tensor target;
        if (data.labels() != null) {
            long[] y = new long[n];
            for (int i = 0; i < n; i++) {
                y[i] = data.labels()[order[from + i]];
            }
            target = Tensor.of(y, n);
        } else {
            int w = data.targetWidth();
            float[] y = new float[n * w];
            for (int i = 0; i < n; i++) {
                System.arraycopy(data.targets(), order[from + i] * w, y, i * w, w);
            }
            target = Tensor.of(y, n, w);
        }
        handedOut.add(input);
        handedOut.add(target);
        return new Batch(input, target);
    }

    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("batch_size", batchSize);
        state.put("rows", data.rows());
        state.put("shuffle_seed", shuffleSeed);
        return state;
    }

    /** Refuses the state of a differently configured source, as a real loader does. */
    @Override
    public void loadStateDict(Map<String, ?> state) {
        Map<String, Object> own = stateDict();
        for (Map.Entry<String, Object> entry : own.entrySet()) {
            Object saved = state.get(entry.getKey());
            boolean same = saved == null ? entry.getValue() == null
                    : entry.getValue() != null && ((Number) saved).longValue() == ((Number) entry.getValue()).longValue();
            if (!same) {
                throw new IllegalArgumentException("ArraySource: saved " + entry.getKey() + " " + saved + " differs from "
                        + entry.getValue());
            }
        }
    }
}
