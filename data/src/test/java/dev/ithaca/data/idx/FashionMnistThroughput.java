package dev.ithaca.data.idx;

import dev.ithaca.data.DataLoader;
import dev.ithaca.data.transform.Normalize;
import dev.ithaca.spi.Backends;
import dev.ithaca.train.Batch;
import dev.ithaca.train.BatchIterator;

import java.nio.file.Path;

/**
 * Batches per second a {@link DataLoader} delivers over the real Fashion-MNIST training set
 * (batch 128, shuffled), for several worker counts, with and without normalization. Not a test:
 * run it with the test classpath, e.g.
 * {@code java -cp "data/target/test-classes:data/target/classes:$(cat cp.txt)" dev.ithaca.data.idx.FashionMnistThroughput [dir]}.
 */
public final class FashionMnistThroughput {
    private FashionMnistThroughput() {
    }

    public static void main(String[] args) {
        FashionMnist fashion = args.length > 0 ? FashionMnist.at(Path.of(args[0])) : FashionMnist.locate();
        long start = System.nanoTime();
        IdxDataset train = fashion.train();
        System.out.printf("read %d training images in %.0f ms%n", train.size(), (System.nanoTime() - start) / 1e6);
        try (Backends.Use use = Backends.use(Backends.get("cpu"))) {
            for (boolean normalize : new boolean[] {false, true}) {
                for (int workers : new int[] {0, 1, 2}) {
                    DataLoader.Builder builder = DataLoader.builder(train).batchSize(128).shuffle(true).seed(42).numWorkers(workers);
                    if (normalize) {
                        builder.transform(new Normalize(0.2860, 0.3530));
                    }
                    DataLoader loader = builder.build();
                    epoch(loader, 0); // warm-up
                    int epochs = 3;
                    long t0 = System.nanoTime();
                    long batches = 0;
                    for (int e = 1; e <= epochs; e++) {
                        batches += epoch(loader, e);
                    }
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    System.out.printf("batch 128, numWorkers=%d, normalize=%b: %.0f batches/s (%.0f images/s)%n",
                            workers, normalize, batches / seconds, batches * 128 / seconds);
                }
            }
        }
    }

    private static long epoch(DataLoader loader, int epoch) {
        long n = 0;
        try (BatchIterator it = loader.iterate(epoch)) {
            while (it.hasNext()) {
                try (Batch batch = it.next()) {
                    n++;
                }
            }
        }
        return n;
    }
}
