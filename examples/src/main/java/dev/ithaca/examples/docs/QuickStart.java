package dev.ithaca.examples.docs;

import com.google.inject.Guice;
import dev.ithaca.callbacks.EarlyStopping;
import dev.ithaca.data.DataLoader;
import dev.ithaca.data.Datasets;
import dev.ithaca.data.Subset;
import dev.ithaca.data.TensorDataset;
import dev.ithaca.inject.IthacaModule;
import dev.ithaca.loops.History;
import dev.ithaca.loops.Trainer;
import dev.ithaca.metrics.Accuracy;
import dev.ithaca.models.Mlp;
import dev.ithaca.nn.loss.CrossEntropyLoss;
import dev.ithaca.optim.AdamW;
import dev.ithaca.random.Generator;
import dev.ithaca.schedule.CosineAnnealingLR;
import dev.ithaca.spi.Backend;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Optimizer;

import java.util.List;
import java.util.Map;

/** docs/getting-started.md: the first training run. */
public final class QuickStart {
    private QuickStart() {
    }

    /** The backend the configuration selects ({@code -Dithaca.backend}, {@code ITHACA_BACKEND}, else auto). */
    static String backendName() {
        // --8<-- [start:backend]
        Backend backend = Guice.createInjector(new IthacaModule()).getInstance(Backend.class);
        System.out.println("training on " + backend.name());   // "cpu", or "cuda" where a GPU is usable
        // --8<-- [end:backend]
        return backend.name();
    }

    /**
     * Two Gaussian blobs in 2-D, one class each, from the seeded generator: a dataset that needs no
     * download, so the first run is only about the API.
     */
    // --8<-- [start:data]
    static TensorDataset blobs(int samples, long seed) {
        Generator generator = new Generator(seed);
        Tensor labels = Tensor.randint(generator, 0, 2, samples);                 // INT64 class indices
        Tensor centres = labels.to(DType.FLOAT32).mul(4).sub(2)                   // class 0 at -2, class 1 at +2
                .unsqueeze(1).expand(samples, 2);
        Tensor points = Tensor.randn(generator, samples, 2).add(centres);
        return TensorDataset.of(points, labels);
    }
    // --8<-- [end:data]

    /** Trains the classifier and returns the test metrics ({@code test_loss}, {@code test_acc}). */
    static Map<String, Double> train(int samples, int maxEpochs) {
        // --8<-- [start:train]
        TensorDataset all = blobs(samples, 42);
        List<Subset> parts = Datasets.randomSplit(all, new double[]{0.8, 0.1, 0.1}, 42);
        DataLoader trainLoader = DataLoader.builder(parts.get(0)).batchSize(32).shuffle(true).seed(42).build();
        DataLoader validationLoader = DataLoader.builder(parts.get(1)).batchSize(256).build();
        DataLoader testLoader = DataLoader.builder(parts.get(2)).batchSize(256).build();

        Map<String, Double> test;
        try (Mlp model = Mlp.builder().inputFeatures(2).hiddenWidths(16).outputFeatures(2).seed(42).build()) {
            Optimizer optimizer = AdamW.builder().lr(1e-2).weightDecay(1e-4).build(model.parameters());
            Trainer trainer = Trainer.builder()
                    .model(model).loss(new CrossEntropyLoss()).optimizer(optimizer)
                    .scheduler(new CosineAnnealingLR(optimizer, maxEpochs))
                    .callback(new EarlyStopping("val_loss", 3))
                    .metric("acc", Accuracy.multiclass(2))
                    .maxEpochs(maxEpochs).seed(42)
                    .build();
            History history = trainer.fit(trainLoader, validationLoader);
            System.out.println(history.last());          // {train_loss=…, val_loss=…, val_acc=…, …}
            test = trainer.test(testLoader);             // {test_loss=…, test_acc=…}
        }                                                // closing the model frees its parameters
        // --8<-- [end:train]
        return test;
    }

    public static void main(String[] args) {
        backendName();
        train(2_000, 10);
    }
}
