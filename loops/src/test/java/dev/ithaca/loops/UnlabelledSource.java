package dev.ithaca.loops;

import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;
import dev.ithaca.train.BatchIterator;
import dev.ithaca.train.BatchSource;

import java.util.Arrays;
import java.util.NoSuchElementException;

/** Batches of inputs only, in row order, for prediction. */
final class UnlabelledSource implements BatchSource {
    private final SyntheticData data;
    private final int batchSize;

    UnlabelledSource(SyntheticData data, int batchSize) {
        this.data = data;
        this.batchSize = batchSize;
    }

    @Override
    public long batchesPerEpoch() {
        return (data.rows() + batchSize - 1) / batchSize;
    }

    @Override
    public long samplesPerEpoch() {
        return data.rows();
    }

    @Override
    public BatchIterator iterate(int epoch, long firstBatch) {
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
                int from = (int) next * batchSize;
                int to = Math.min(from + batchSize, data.rows());
                next++;
                float[] x = Arrays.copyOfRange(data.inputs(), from * data.features(), to * data.features());
                return new Batch(Tensor.of(x, to - from, data.features()), null);
            }

            @Override
            public void close() {
            }
        };
    }
}
