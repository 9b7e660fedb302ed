package dev.ithaca.examples;

import dev.ithaca.callbacks.EarlyStopping;
import dev.ithaca.callbacks.LoggingCallback;
import dev.ithaca.callbacks.ModelCheckpoint;
import dev.ithaca.data.DataLoader;
import dev.ithaca.data.Dataset;
import dev.ithaca.data.Datasets;
import dev.ithaca.data.Subset;
import dev.ithaca.data.idx.FashionMnist;
import dev.ithaca.data.transform.Normalize;
import dev.ithaca.io.TrainingCheckpoint;
import dev.ithaca.loops.History;
import dev.ithaca.loops.Trainer;
import dev.ithaca.metrics.Accuracy;
import dev.ithaca.models.LeNet5;
import dev.ithaca.models.Mlp;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.loss.CrossEntropyLoss;
import dev.ithaca.optim.AdamW;
import dev.ithaca.schedule.CosineAnnealingLR;
import dev.ithaca.train.Callback;
import dev.ithaca.train.Optimizer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trains one model on Fashion-MNIST the way a Lightning user would: 55,000 training images,
 * 5,000 held out for validation, AdamW with cosine annealing, EarlyStopping and ModelCheckpoint on
 * the validation loss, a progress bar, and a final test on the 10,000 test images with the best
 * checkpoint's weights.
 */
public final class FashionMnistRecipe {
    /** Mean and standard deviation of Fashion-MNIST's training pixels (scaled to [0, 1]). */
    static final double PIXEL_MEAN = 0.2860;
    static final double PIXEL_STD = 0.3530;
    static final int VALIDATION_IMAGES = 5_000;

    private FashionMnistRecipe() {
    }

    /** Which network to train. */
    public enum Architecture {
        MLP, LENET5
    }

    /** Everything a run can vary; {@link #defaults()} gives the settings the README's figures use. */
    public record Settings(Architecture architecture, int epochs, int batchSize, double learningRate, double weightDecay,
                           int patience, long trainSubset, long seed, int workers, Path outputDir, boolean progressBar) {
        public Settings {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
            }
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
            }
            if (!(weightDecay >= 0)) {
                throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
            }
            if (patience < 1) {
                throw new IllegalArgumentException("patience must be >= 1, got " + patience);
            }
            if (trainSubset < 0) {
                throw new IllegalArgumentException("trainSubset must be >= 0 (0 = all training images), got " + trainSubset);
            }
            if (workers < 0) {
                throw new IllegalArgumentException("workers must be >= 0, got " + workers);
            }
        }

        public static Settings defaults(Architecture architecture, Path outputDir) {
            return new Settings(architecture, 10, 128, 1e-3, 1e-4, 3, 0, 42, 1, outputDir, true);
        }
    }

    /** What a run measured. */
    public record Result(Architecture architecture, double testAccuracy, double testLoss, int epochsRun,
                         double secondsPerEpoch, double samplesPerSecond, Path bestCheckpoint, History history) {
    }

    /** Trains and tests one model on the dataset in {@code fashion}; progress goes to {@code out}. */
    public static Result run(FashionMnist fashion, Settings settings, PrintStream out) throws IOException {
        Dataset all = fashion.train();
        List<Subset> split = Datasets.randomSplit(all, new long[]{all.size() - VALIDATION_IMAGES, VALIDATION_IMAGES},
                settings.seed());
        Dataset train = settings.trainSubset() > 0
                ? Datasets.subset(split.get(0), 0, Math.min(settings.trainSubset(), split.get(0).size()))
                : split.get(0);
        Normalize normalize = new Normalize(PIXEL_MEAN, PIXEL_STD);
        DataLoader trainLoader = loader(train, settings, true, normalize);
        DataLoader validationLoader = loader(split.get(1), settings, false, normalize);
        DataLoader testLoader = loader(fashion.test(), settings, false, normalize);

        Path checkpoints = settings.outputDir().resolve(settings.architecture().name().toLowerCase());
        try (Module model = model(settings)) {
            Optimizer optimizer = AdamW.builder().lr(settings.learningRate()).weightDecay(settings.weightDecay())
                    .build(model.parameters());
            ModelCheckpoint checkpoint = ModelCheckpoint.builder(checkpoints)
                    .monitor("val_loss").mode("min").saveTopK(1).saveLast(true).build();
            List<Callback> callbacks = new ArrayList<>(List.of(new EarlyStopping("val_loss", settings.patience()), checkpoint));
            LoggingCallback logging = LoggingCallback.builder().out(out).quiet(!settings.progressBar()).build();
            callbacks.add(logging);
            Trainer trainer = Trainer.builder()
                    .model(model).loss(new CrossEntropyLoss()).optimizer(optimizer)
                    .scheduler(new CosineAnnealingLR(optimizer, settings.epochs()))
                    .callbacks(callbacks)
                    .metric("acc", Accuracy.multiclass(FashionMnist.CLASSES.size()))
                    .maxEpochs(settings.epochs()).seed(settings.seed())
                    .build();
            History history;
            try {
                history = trainer.fit(trainLoader, validationLoader);
            } finally {
                logging.close();
            }
            Path best = checkpoint.bestModelPath().orElseThrow(() -> new IllegalStateException(
                    "ModelCheckpoint saved no best model in " + checkpoints + " although validation ran"));
            TrainingCheckpoint.restoreModel(best, model);
            Map<String, Double> test = trainer.test(testLoader);
            List<Double> seconds = history.get("epoch_seconds");
            double meanSeconds = seconds.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double samplesPerSecond = history.get("samples_per_second").stream().mapToDouble(Double::doubleValue)
                    .average().orElse(Double.NaN);
            return new Result(settings.architecture(), test.get("test_acc"), test.get("test_loss"), history.size(),
                    meanSeconds, samplesPerSecond, best, history);
        }
    }

    static Module model(Settings settings) {
        return switch (settings.architecture()) {
            // 784-256-128-10 with ReLU and light dropout: the usual Fashion-MNIST MLP baseline
            case MLP -> Mlp.builder().inputFeatures(28 * 28).hiddenWidths(256, 128).outputFeatures(10)
                    .dropout(0.1).seed(settings.seed()).build();
            case LENET5 -> LeNet5.builder().numClasses(10).seed(settings.seed()).build();
        };
    }

    private static DataLoader loader(Dataset dataset, Settings settings, boolean shuffle, Normalize normalize) {
        return DataLoader.builder(dataset).batchSize(settings.batchSize()).shuffle(shuffle).seed(settings.seed())
                .numWorkers(settings.workers()).transform(normalize).build();
    }
}
