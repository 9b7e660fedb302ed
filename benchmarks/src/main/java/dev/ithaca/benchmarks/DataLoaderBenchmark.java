package dev.ithaca.benchmarks;

import dev.ithaca.data.DataLoader;
import dev.ithaca.data.TensorDataset;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;
import dev.ithaca.train.BatchIterator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One shuffled epoch of a {@link DataLoader} over a {@link TensorDataset} of 16,384 examples of 784
 * FLOAT32 features with INT64 labels, in batches of 128 on the calling thread, scored in samples/s,
 * against the gathers it is made of: {@code indexSelect} of the same rows, batch after batch, from
 * an order fixed in setup. The ratio is what the loader adds: a fresh seeded permutation per epoch,
 * the index tensors, the batch objects and the iterator.
 */
@OperationsPerInvocation(DataLoaderBenchmark.SAMPLES)
public class DataLoaderBenchmark extends CpuBenchmark {
    static final int SAMPLES = 16_384;
    static final int FEATURES = 784;
    static final int BATCH = 128;

    private Tensor images;
    private Tensor labels;
    private DataLoader loader;
    private long[][] order;
    private int epoch;
    private final InjectedSlowdown slowdown = InjectedSlowdown.forKey("dataloader");

    @Setup(Level.Trial)
    public void setUp() {
        images = Tensor.of(RandomFloats.of(SAMPLES * FEATURES, 31), SAMPLES, FEATURES);
        long[] classes = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            classes[i] = (i * 7L) % 10;
        }
        labels = Tensor.of(classes, SAMPLES);
        loader = DataLoader.builder(TensorDataset.of(images, labels)).batchSize(BATCH).shuffle(true).seed(42).build();
        order = new long[(int) loader.batchesPerEpoch()][];
        for (int b = 0; b < order.length; b++) {
            order[b] = loader.sampleIndices(0, b);
        }
        try (BatchIterator batches = loader.iterate(0); Batch first = batches.next(); Tensor rows = Tensor.of(order[0], BATCH);
             Tensor x = images.indexSelect(0, rows); Tensor y = labels.indexSelect(0, rows)) {
            SameResult.check("DataLoader batch input", x.toFloatArray(), first.input().toFloatArray(), 0);
            SameResult.check("DataLoader batch target", toFloats(y.toLongArray()), toFloats(first.target().toLongArray()), 0);
        }
    }

    private static float[] toFloats(long[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = values[i];
        }
        return floats;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        images.close();
        labels.close();
    }

    @Benchmark
    public void loaderEpoch() {
        long start = slowdown.start();
        try (BatchIterator batches = loader.iterate(epoch++)) {
            while (batches.hasNext()) {
                batches.next().close();
            }
        }
        slowdown.finish(start);
    }

    @Benchmark
    public void indexSelectEpoch() {
        for (long[] indices : order) {
            try (Tensor rows = Tensor.of(indices, BATCH)) {
                images.indexSelect(0, rows).close();
                labels.indexSelect(0, rows).close();
            }
        }
    }
}
