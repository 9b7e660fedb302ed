package dev.ithaca.verify;

import dev.ithaca.data.DataLoader;
import dev.ithaca.data.TensorDataset;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;
import dev.ithaca.train.BatchIterator;

import java.util.ArrayList;
import java.util.List;

/**
 * A shuffled DataLoader over a TensorDataset: every sample once per epoch, inputs still paired with
 * their targets, batches of 4, 4 and 2, and the same order again for the same seed and epoch.
 */
public final class DataCheck {
    private static final int SAMPLES = 10;

    public static void main(String[] args) {
        InstallCheck.run("ithaca-data",
                new String[]{"dev.ithaca.data.DataLoader", "dev.ithaca.data.TensorDataset", "dev.ithaca.data.idx.IdxDataset",
                        "dev.ithaca.data.csv.CsvDataset", "dev.ithaca.data.text.ByteLevelBpeTokenizer"},
                DataCheck::check);
    }

    private static String check() {
        float[] inputs = new float[SAMPLES];
        long[] targets = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            inputs[i] = i;
            targets[i] = 10L * i;
        }
        TensorDataset dataset = TensorDataset.of(Tensor.of(inputs, SAMPLES, 1), Tensor.of(targets, SAMPLES));
        List<Integer> order = epochOrder(dataset);
        List<Integer> sorted = new ArrayList<>(order);
        sorted.sort(null);
        InstallCheck.expect("every sample once per epoch, got " + order,
                sorted.equals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)));
        InstallCheck.expect("a shuffled order, got " + order, !order.equals(sorted));
        InstallCheck.expect("the same order for the same seed", order.equals(epochOrder(dataset)));
        return "shuffled epoch " + order;
    }

    private static List<Integer> epochOrder(TensorDataset dataset) {
        DataLoader loader = DataLoader.builder(dataset).batchSize(4).shuffle(true).seed(42).build();
        List<Integer> order = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        try (BatchIterator batches = loader.iterate(0)) {
            while (batches.hasNext()) {
                try (Batch batch = batches.next()) {
                    float[] x = batch.input().toFloatArray();
                    long[] y = batch.target().toLongArray();
                    sizes.add(batch.size());
                    for (int i = 0; i < x.length; i++) {
                        InstallCheck.expect("target " + (10L * (long) x[i]) + " with input " + x[i] + ", got " + y[i],
                                y[i] == 10L * (long) x[i]);
                        order.add((int) x[i]);
                    }
                }
            }
        }
        InstallCheck.expect("batches of 4, 4 and 2, got " + sizes, sizes.equals(List.of(4L, 4L, 2L)));
        return order;
    }
}
