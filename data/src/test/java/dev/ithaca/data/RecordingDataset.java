package dev.ithaca.data;

import dev.ithaca.spi.Backend;
import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Example {@code i} is input {@code [i, i + 0.5]} and target {@code i}, so a batch's target says
 * which samples it holds. Records the threads and backends that built batches, counts calls and
 * fails on one chosen index.
 */
final class RecordingDataset implements Dataset {
    final AtomicInteger calls = new AtomicInteger();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final List<Backend> backends = new CopyOnWriteArrayList<>();
    final List<Boolean> daemons = new CopyOnWriteArrayList<>();
    private final long size;
    private final long failAt;

    RecordingDataset(long size) {
        this(size, -1);
    }

    RecordingDataset(long size, long failAt) {
        this.size = size;
        this.failAt = failAt;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public Batch batch(long[] indices) {
        calls.incrementAndGet();
        threads.add(Thread.currentThread().getName());
        daemons.add(Thread.currentThread().isDaemon());
        backends.add(Backends.current());
        float[] x = new float[indices.length * 2];
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] == failAt) {
                throw new DataFormatException(Path.of("samples.bin"), "sample " + failAt + " is corrupt");
            }
            x[2 * i] = indices[i];
            x[2 * i + 1] = indices[i] + 0.5f;
        }
        Tensor input = Tensor.of(x, indices.length, 2);
        return new Batch(input, Tensor.of(indices.clone(), indices.length));
    }

    @Override
    public String toString() {
        return "RecordingDataset(" + size + ")";
    }
}
