package dev.ithaca.cli.build;

import dev.ithaca.callbacks.CsvLogger;
import dev.ithaca.callbacks.EarlyStopping;
import dev.ithaca.callbacks.LoggingCallback;
import dev.ithaca.callbacks.ModelCheckpoint;
import dev.ithaca.callbacks.TerminateOnNaN;
import dev.ithaca.cli.config.CallbacksConfig;
import dev.ithaca.cli.config.MetricConfig;
import dev.ithaca.cli.config.RunConfig;
import dev.ithaca.cli.config.SchedulerConfig;
import dev.ithaca.cli.config.TrainingConfig;
import dev.ithaca.data.DataLoader;
import dev.ithaca.data.Dataset;
import dev.ithaca.loops.History;
import dev.ithaca.loops.NonFiniteLoss;
import dev.ithaca.loops.Resume;
import dev.ithaca.loops.SchedulerInterval;
import dev.ithaca.loops.Trainer;
import dev.ithaca.models.NextTokenLoss;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.loss.CrossEntropyLoss;
import dev.ithaca.nn.loss.Loss;
import dev.ithaca.nn.loss.MSELoss;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.Backends;
import dev.ithaca.train.BatchSource;
import dev.ithaca.train.Callback;
import dev.ithaca.train.LRScheduler;
import dev.ithaca.train.Optimizer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one configured training run needs, assembled from a {@link RunConfig}: the model
 * (seeded), its loss, optimizer, schedule, metrics, callbacks, data loaders and the {@link Trainer}.
 * No hyperparameter is chosen here; each comes from the config.
 */
public final class TrainingRun {
    /** The name ModelCheckpoint gives its always-newest file, which {@code --resume} continues from. */
    public static final String LAST_CHECKPOINT = ModelCheckpoint.LAST_NAME + ModelCheckpoint.EXTENSION;

    private final RunConfig config;
    private final PreparedData data;
    private final Backend backend;
    private final Module model;
    private final Optimizer optimizer;
    private final LRScheduler scheduler;
    private final BatchSource trainSource;
    private final BatchSource validationSource;
    private final BatchSource fullValidation;
    private final TerminateOnNaN terminateOnNaN;
    private final EarlyStopping earlyStopping;
    private final ModelCheckpoint checkpoint;
    private final Path checkpointDir;
    private final Trainer trainer;

    /** What a fit ended with. */
    public record Outcome(History history, Optional<String> divergence, Optional<String> earlyStop) {
    }

    @SuppressWarnings("try") // the Use handle only scopes which backend new tensors go to
    private TrainingRun(RunConfig config, PreparedData data, Backend backend, Path outputDir, PrintStream progress) {
        this.config = config;
        this.data = data;
        this.backend = backend;
        TrainingConfig training = config.training();
        try (Backends.Use onBackend = Backends.use(backend)) {
            this.model = ModelFactory.create(config.model(), data.shape(), training.seed());
            this.optimizer = OptimizerFactory.create(config.optimizer(), model.parameters());
            this.trainSource = LimitedBatches.of(loader(data.train(), training.batchSize(), training.shuffle()),
                    training.limitTrainBatches());
            this.fullValidation = data.validation() == null ? null
                    : loader(data.validation(), training.effectiveEvalBatchSize(), false);
            this.validationSource = fullValidation == null ? null : LimitedBatches.of(fullValidation, training.limitValBatches());
            this.scheduler = config.scheduler() == null ? null
                    : SchedulerFactory.create(config.scheduler(), optimizer, schedulerSteps());
        }
        CallbacksConfig callbacks = config.callbacks();
        this.checkpointDir = callbacks.checkpoint().dir() != null ? callbacks.checkpoint().dir() : outputDir.resolve("checkpoints");
        this.terminateOnNaN = callbacks.terminateOnNan() ? new TerminateOnNaN() : null;
        this.earlyStopping = callbacks.earlyStopping().enabled() ? earlyStopping(callbacks.earlyStopping()) : null;
        this.checkpoint = callbacks.checkpoint().enabled() ? checkpoint(callbacks.checkpoint(), checkpointDir) : null;
        List<Callback> list = new ArrayList<>();
        if (terminateOnNaN != null) {
            list.add(terminateOnNaN);
        }
        if (earlyStopping != null) {
            list.add(earlyStopping);
        }
        if (checkpoint != null) {
            list.add(checkpoint);
        }
        list.add(LoggingCallback.builder().out(progress).quiet(!callbacks.progressBar())
                .logFile(outputDir.resolve("training_log.jsonl")).build());
        if (callbacks.csvLog()) {
            list.add(new CsvLogger(outputDir.resolve("metrics.csv")));
        }
        this.trainer = trainer(list);
    }

    /** Builds the run; call inside no particular backend scope (it uses {@code backend} explicitly). */
    public static TrainingRun create(RunConfig config, PreparedData data, Backend backend, Path outputDir, PrintStream progress) {
        return new TrainingRun(config, data, backend, outputDir, progress);
    }

    private DataLoader loader(Dataset dataset, int batchSize, boolean shuffle) {
        // one background worker prepares the next batches while both cores compute the current step
        return DataLoader.builder(dataset).batchSize(batchSize).shuffle(shuffle).seed(config.training().seed())
                .numWorkers(1).prefetch(2).backend(backend).build();
    }

    /** Scheduler steps in the whole run: epochs, or optimizer steps with the step interval. */
    private int schedulerSteps() {
        TrainingConfig training = config.training();
        if (training.schedulerInterval() == TrainingConfig.Interval.EPOCH) {
            return training.epochs();
        }
        long batches = trainSource.batchesPerEpoch();
        long stepsPerEpoch = (batches + training.accumulateGradBatches() - 1) / training.accumulateGradBatches();
        return Math.toIntExact(Math.min(Integer.MAX_VALUE, stepsPerEpoch * training.epochs()));
    }

    private Trainer trainer(List<Callback> callbacks) {
        TrainingConfig training = config.training();
        Trainer.Builder builder = Trainer.builder().model(model).loss(loss()).optimizer(optimizer).callbacks(callbacks)
                .maxEpochs(training.epochs()).accumulateGradBatches(training.accumulateGradBatches())
                .validateEveryNEpochs(training.checkValEveryNEpoch()).seed(training.seed()).backend(backend)
                // a non-finite batch never reaches the weights; TerminateOnNaN (when on) then stops the run
                .onNonFiniteLoss(NonFiniteLoss.SKIP);
        if (scheduler != null) {
            builder.scheduler(scheduler, training.schedulerInterval() == TrainingConfig.Interval.STEP
                    ? SchedulerInterval.STEP : SchedulerInterval.EPOCH);
            if (config.scheduler() instanceof SchedulerConfig.ReduceOnPlateau plateau) {
                builder.schedulerMonitor(plateau.monitor());
            }
        }
        if (training.gradientClipVal() != null) {
            if (training.gradientClipAlgorithm() == TrainingConfig.ClipAlgorithm.NORM) {
                builder.gradientClipNorm(training.gradientClipVal());
            } else {
                builder.gradientClipValue(training.gradientClipVal());
            }
        }
        for (MetricConfig metric : config.metrics()) {
            builder.metric(metric.reportName(), MetricFactory.create(metric, data.shape()));
        }
        return builder.build();
    }

    private Loss loss() {
        return switch (data.shape().kind()) {
            case CLASSES -> new CrossEntropyLoss();
            case REGRESSION -> new MSELoss();
            case TOKENS -> new NextTokenLoss();
        };
    }

    private static EarlyStopping earlyStopping(CallbacksConfig.EarlyStopping c) {
        EarlyStopping.Builder builder = EarlyStopping.builder(c.monitor()).mode(c.mode()).patience(c.patience())
                .minDelta(c.minDelta()).restoreBestWeights(c.restoreBestWeights()).checkFinite(c.checkFinite());
        if (c.baseline() != null) {
            builder.baseline(c.baseline());
        }
        return builder.build();
    }

    private static ModelCheckpoint checkpoint(CallbacksConfig.Checkpoint c, Path dir) {
        ModelCheckpoint.Builder builder = ModelCheckpoint.builder(dir).filename(c.filename()).mode(c.mode())
                .saveTopK(c.saveTopK()).saveLast(c.saveLast()).everyNEpochs(c.everyNEpochs()).everyNSteps(c.everyNSteps());
        if (c.monitor() != null) {
            builder.monitor(c.monitor());
        }
        return builder.build();
    }

    /** The checkpoint {@code --resume} continues from, if one was written. */
    public Optional<Path> lastCheckpoint() {
        Path last = checkpointDir.resolve(LAST_CHECKPOINT);
        return Files.isRegularFile(last) ? Optional.of(last) : Optional.empty();
    }

    /** Trains; with {@code resumeFrom}, continues that checkpoint's run. */
    public Outcome fit(Path resumeFrom) {
        History history = trainer.fit(trainSource, validationSource, resumeFrom == null ? null : Resume.from(resumeFrom));
        Optional<String> divergence = terminateOnNaN == null ? Optional.empty() : terminateOnNaN.stopReason();
        if (divergence.isEmpty() && !history.isEmpty()) {
            Double trainLoss = history.last().get("train_loss");
            if (trainLoss != null && !Double.isFinite(trainLoss)) {
                divergence = Optional.of("train_loss is " + trainLoss + " after epoch " + (history.size() - 1));
            }
        }
        Optional<String> earlyStop = earlyStopping == null ? Optional.empty() : earlyStopping.stopReason();
        return new Outcome(history, divergence, earlyStop);
    }

    /**
     * Validation loss and metrics ({@code val_*}) of the model as it is now, over all the validation
     * data ({@code limit_val_batches} only shortens the per-epoch validations); empty without validation data.
     */
    public Map<String, Double> validate() {
        return fullValidation == null ? Map.of() : new LinkedHashMap<>(trainer.validate(fullValidation));
    }

    /** Test loss and metrics ({@code test_*}), or empty without test data. */
    @SuppressWarnings("try") // the Use handle only scopes which backend new tensors go to
    public Map<String, Double> test() {
        if (data.test() == null) {
            return Map.of();
        }
        try (Backends.Use onBackend = Backends.use(backend)) {
            return new LinkedHashMap<>(trainer.test(loader(data.test(), config.training().effectiveEvalBatchSize(), false)));
        }
    }

    public Module model() {
        return model;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public Backend backend() {
        return backend;
    }

    public Path checkpointDir() {
        return checkpointDir;
    }

    public Optional<Path> bestCheckpoint() {
        return checkpoint == null ? Optional.empty() : checkpoint.bestModelPath();
    }

    public long trainBatchesPerEpoch() {
        return trainSource.batchesPerEpoch();
    }
}
