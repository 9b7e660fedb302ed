package dev.ithaca.examples.docs;

import dev.ithaca.callbacks.CsvLogger;
import dev.ithaca.callbacks.EarlyStopping;
import dev.ithaca.callbacks.LearningRateMonitor;
import dev.ithaca.callbacks.ModelCheckpoint;
import dev.ithaca.callbacks.TerminateOnNaN;
import dev.ithaca.data.DataLoader;
import dev.ithaca.data.Datasets;
import dev.ithaca.data.Subset;
import dev.ithaca.data.TensorDataset;
import dev.ithaca.io.TrainingCheckpoint;
import dev.ithaca.loops.History;
import dev.ithaca.loops.NonFiniteLoss;
import dev.ithaca.loops.Resume;
import dev.ithaca.loops.SchedulerInterval;
import dev.ithaca.loops.Trainer;
import dev.ithaca.metrics.Accuracy;
import dev.ithaca.models.Mlp;
import dev.ithaca.nn.loss.CrossEntropyLoss;
import dev.ithaca.optim.SGD;
import dev.ithaca.schedule.OneCycleLR;
import dev.ithaca.train.Optimizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** docs/modules/loops.md and docs/modules/callbacks.md: the Trainer with callbacks, and resuming a run. */
public final class TrainerExamples {
    private TrainerExamples() {
    }

    /** What {@link #trainWithCallbacks} produced. */
    record Run(History history, Path bestCheckpoint, Path lastCheckpoint, Path csv) {
    }

    static Mlp model() {
        return Mlp.builder().inputFeatures(2).hiddenWidths(16).outputFeatures(2).seed(1).build();
    }

    /** Trains for {@code epochs} epochs with every callback; checkpoints and the CSV go to {@code dir}. */
    static Run trainWithCallbacks(Path dir, int epochs) {
        TensorDataset data = QuickStart.blobs(512, 7);
        List<Subset> split = Datasets.randomSplit(data, new double[]{0.75, 0.25}, 7);
        DataLoader train = DataLoader.builder(split.get(0)).batchSize(32).shuffle(true).seed(7).build();
        DataLoader validation = DataLoader.builder(split.get(1)).batchSize(128).build();
        try (Mlp model = model()) {
            // --8<-- [start:callbacks]
            Optimizer optimizer = SGD.builder().lr(0.05).momentum(0.9).build(model.parameters());
            ModelCheckpoint checkpoints = ModelCheckpoint.builder(dir.resolve("checkpoints"))
                    .monitor("val_acc").mode("max").saveTopK(2).saveLast(true)
                    .filename("epoch{epoch}-acc{val_acc:.3f}").build();
            EarlyStopping earlyStopping = EarlyStopping.builder("val_loss")
                    .patience(5).minDelta(1e-4).restoreBestWeights(true).build();
            Trainer trainer = Trainer.builder()
                    .model(model).loss(new CrossEntropyLoss()).optimizer(optimizer)
                    .scheduler(OneCycleLR.builder(optimizer, 0.1, epochs * (int) train.batchesPerEpoch()).build(),
                            SchedulerInterval.STEP)                     // stepped after every optimizer step
                    .callbacks(List.of(checkpoints, earlyStopping,
                            new CsvLogger(dir.resolve("metrics.csv")),  // one row per epoch
                            new LearningRateMonitor(),
                            new TerminateOnNaN()))                      // stops on a NaN train_loss
                    .metric("acc", Accuracy.multiclass(2))              // logged as acc (training), val_acc and test_acc
                    .gradientClipNorm(1.0)
                    .accumulateGradBatches(2)                           // one optimizer step per 2 batches
                    .onNonFiniteLoss(NonFiniteLoss.FAIL)                // the default: stop with a clear error
                    .maxEpochs(epochs).seed(7)
                    .build();
            History history = trainer.fit(train, validation);
            System.out.println(history.get("val_acc"));                  // one value per epoch
            System.out.println(checkpoints.bestModelPath().orElseThrow() + " " + checkpoints.bestModelScore().orElseThrow());
            // --8<-- [end:callbacks]
            return new Run(history, checkpoints.bestModelPath().orElseThrow(), checkpoints.lastModelPath().orElseThrow(),
                    dir.resolve("metrics.csv"));
        }
    }

    /** A run stopped after 2 epochs, then resumed to 4; returns the whole run's history. */
    static History stopAndResume(Path dir) {
        // --8<-- [start:resume]
        run(dir, 2, null);                                   // say the process is killed after epoch 2
        Path last = dir.resolve(ModelCheckpoint.LAST_NAME + ModelCheckpoint.EXTENSION);
        History whole = run(dir, 4, Resume.from(last));      // the same setup continues with epoch 3
        System.out.println(whole.size());                    // 4: the resumed epochs and the new ones
        // --8<-- [end:resume]
        return whole;
    }

    // --8<-- [start:resumable-run]
    static History run(Path dir, int maxEpochs, Resume resume) {
        TensorDataset data = QuickStart.blobs(512, 7);
        List<Subset> split = Datasets.randomSplit(data, new double[]{0.75, 0.25}, 7);
        DataLoader train = DataLoader.builder(split.get(0)).batchSize(32).shuffle(true).seed(7).build();
        DataLoader validation = DataLoader.builder(split.get(1)).batchSize(128).build();
        try (Mlp model = model()) {
            Optimizer optimizer = SGD.builder().lr(0.05).momentum(0.9).build(model.parameters());
            Trainer trainer = Trainer.builder()
                    .model(model).loss(new CrossEntropyLoss()).optimizer(optimizer)
                    .callback(ModelCheckpoint.builder(dir).saveLast(true).build())   // writes last.safetensors each epoch
                    .metric("acc", Accuracy.multiclass(2))
                    .maxEpochs(maxEpochs).seed(7)
                    .build();
            // with a Resume, weights, optimizer and callback state, epoch, step and data position come back
            return trainer.fit(train, validation, resume);  // resume == null starts afresh
        }
    }
    // --8<-- [end:resumable-run]

    /** Loads the weights of a checkpoint into a fresh model and returns its validation accuracy. */
    static double evaluateCheckpoint(Path checkpoint) throws IOException {
        TensorDataset data = QuickStart.blobs(512, 7);
        DataLoader validation = DataLoader.builder(Datasets.randomSplit(data, new double[]{0.75, 0.25}, 7).get(1))
                .batchSize(128).build();
        // --8<-- [start:restore-model]
        double accuracy;
        try (Mlp model = model()) {
            TrainingCheckpoint.restoreModel(checkpoint, model);    // only the weights; fails on a corrupt file
            Trainer trainer = Trainer.builder()
                    .model(model).loss(new CrossEntropyLoss())
                    .optimizer(SGD.builder().lr(0.05).build(model.parameters()))   // required by build(), unused here
                    .metric("acc", Accuracy.multiclass(2))
                    .maxEpochs(1)
                    .build();
            accuracy = trainer.validate(validation).get("val_acc");
        }
        // --8<-- [end:restore-model]
        return accuracy;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "runs/trainer-example");
        Run run = trainWithCallbacks(dir, 4);
        System.out.println(stopAndResume(dir.resolve("resumed")).size());
        System.out.println(evaluateCheckpoint(run.bestCheckpoint()));
    }
}
