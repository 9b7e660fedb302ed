package dev.ithaca.loops;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.io.TrainingCheckpoint;
import dev.ithaca.memory.Scope;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.Parameter;
import dev.ithaca.nn.loss.Loss;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.BatchSource;
import dev.ithaca.train.Callback;
import dev.ithaca.train.LRScheduler;
import dev.ithaca.train.Metric;
import dev.ithaca.train.Optimizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Fits a model with any {@link Optimizer}, {@link LRScheduler}, {@link Loss}, {@link Metric} and
 * {@link Callback}s from core's training contracts, as Lightning's {@code Trainer}:
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder()
 *     .model(mlp).loss(new CrossEntropyLoss()).optimizer(adamw).scheduler(cosine)
 *     .callbacks(List.of(new EarlyStopping("val_loss", 3), ModelCheckpoint.builder(dir).monitor("val_loss").build()))
 *     .metric("acc", Accuracy.multiclass(10))
 *     .maxEpochs(10).seed(42).build();
 * History history = trainer.fit(loader, valLoader);
 * Map<String, Double> results = trainer.test(testLoader);      // {test_loss=..., test_acc=...}
 * }</pre>
 *
 * <h2>An epoch</h2>
 * {@code onEpochBegin}; the training batches ({@link TrainingLoop}: one memory scope per step,
 * gradient accumulation and clipping, {@code onBatchBegin}/{@code onBatchEnd}); the epoch's
 * {@code train_loss} and training metrics; validation every {@code validateEveryNEpochs} epochs
 * ({@link ValidationLoop} under no-grad in eval mode, between {@code onValidationBegin} and
 * {@code onValidationEnd}); an epoch-interval scheduler step; the {@link History} row; then
 * {@code onEpochEnd}. {@code onTrainBegin} comes first (also when resuming); {@code onTrainEnd}
 * always comes last, after an error too; an error is first passed to every callback's
 * {@code onException} and then rethrown.
 *
 * <h2>Logged values</h2>
 * Callbacks see in {@code TrainingState.metrics()}: {@code loss} after every batch (the batch's
 * unscaled loss), then at the epoch's end {@code train_loss} (mean per sample over the epoch), each
 * metric under its name, and after validation {@code val_loss} and {@code val_<name>}. Values stay
 * until overwritten, so {@code val_loss} persists through epochs that do not validate.
 *
 * <h2>Stopping</h2>
 * Training ends after {@code maxEpochs} epochs or {@code maxSteps} optimizer steps, whichever comes
 * first, or when a callback returns {@code STOP}: a STOP from a batch hook (or {@code maxSteps})
 * ends the epoch after the current batch, and that epoch is still closed out (training metrics over
 * the batches it ran, validation if due, scheduler, history, {@code onEpochEnd}), as Keras and
 * Lightning do; a STOP from any later hook ends training after the current epoch; a STOP from
 * {@code onTrainBegin} ends it before the first.
 *
 * <h2>Resume</h2>
 * {@link #fit(BatchSource, BatchSource, Resume)} continues a run from a {@link TrainingCheckpoint}
 * taken in any hook during an earlier fit: model, optimizer, scheduler, callbacks, the training
 * metrics' running state, the epoch's running loss, an open accumulation window, the model's
 * run-time generators (dropout), the training source's state and position (a checkpoint from
 * {@code onBatchEnd} resumes at the next batch through {@code BatchSource.iterate(epoch, batch)},
 * one from {@code onEpochEnd} at the next epoch) and the history. On the CPU backend the resumed
 * run ends with the same weights, bit for bit, as one that was never interrupted.
 *
 * <h2>Seed</h2>
 * {@code seed(s)} reseeds the model's run-time generators (dropout masks, via
 * {@link Module#manualSeed}) when a fresh fit starts, so two fits of the same initial model with the
 * same seed and data are bit-identical on CPU. It does not touch weight initialization (seed the
 * layers' generators when building the model) or data order (seed the data loader); a resumed fit
 * restores the generators instead of reseeding them.
 *
 * <p>Each {@code fit} is a new run from epoch 0 (unless resuming) on the model and optimizer as they
 * are. A trainer is used from one thread at a time.
 */
@SuppressWarnings("try") // scopes, NoGrad and Backends.use work by being open, not by being referenced
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    /** Keys the trainer logs itself, which a metric name must not shadow. */
    private static final Set<String> RESERVED_KEYS = Set.of("loss", "train_loss", "epoch", "step", "lr", "epoch_seconds",
            "samples_per_second");

    private final TrainerConfig config;
    private final CallbackList callbacks;
    private final TrainingLoop trainingLoop;
    private final ValidationLoop validationLoop;

    private Trainer(TrainerConfig config) {
        this.config = config;
        this.callbacks = new CallbackList(config.callbacks());
        this.trainingLoop = new TrainingLoop(config, callbacks);
        this.validationLoop = new ValidationLoop(config.model(), config.loss(), config.metrics(), config.backend());
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- fit -------------------------------------------------------------------------------------

    /** Trains without validation. */
    public History fit(BatchSource train) {
        return fit(train, null, null);
    }

    /** Trains, validating on {@code validation} (null for none) every {@code validateEveryNEpochs} epochs. */
    public History fit(BatchSource train, BatchSource validation) {
        return fit(train, validation, null);
    }

    /**
     * Trains, continuing the run saved in {@code resume}'s checkpoint (null starts afresh). The trainer
     * must be built as the saved run was: same model architecture, optimizer, scheduler, metrics and
     * callbacks (matched by {@link Callback#stateKey()}), and the same sources.
     *
     * @return the history of the whole run, resumed epochs included
     * @throws UncheckedIOException     when the checkpoint cannot be read or is not a training checkpoint
     * @throws IllegalArgumentException when the checkpoint does not fit this trainer (other tensors, no state
     *                                  for a metric, another accumulation window); parts restored before the
     *                                  mismatch was found keep their restored state
     */
    public History fit(BatchSource train, BatchSource validation, Resume resume) {
        Objects.requireNonNull(train, "train");
        ValidationLoop.requireBatches(train, "Trainer.fit train");
        if (validation != null) {
            ValidationLoop.requireBatches(validation, "Trainer.fit validation");
        }
        checkPlacement(config.model(), config.backend());
        RunState state = new RunState(config, train);
        ModuleModes modes = ModuleModes.of(config.model());
        try (Backends.Use onBackend = Backends.use(config.backend())) {
            if (resume != null) {
                restore(resume.checkpoint(), state, train);
            } else {
                startFresh();
            }
            config.model().train();
            LOG.info("Training {} ({} parameters) on {}: {} batches per epoch, {}{}", config.model().getClass().getSimpleName(),
                    config.model().parameterCount(), config.backend().name(), train.batchesPerEpoch(), bounds(),
                    validation == null ? ", no validation" : "");
            run(state, train, validation);
        } finally {
            modes.restore();
            // a run that stopped or failed mid-epoch (or resumed past its end) leaves no running metric state behind
            config.metrics().values().forEach(Metric::reset);
        }
        return state.history().copy();
    }

    private void startFresh() {
        if (config.seed() != null) {
            config.model().manualSeed(config.seed());
        }
        config.metrics().values().forEach(Metric::reset);
        config.optimizer().zeroGrad();
    }

    private void run(RunState state, BatchSource train, BatchSource validation) {
        Throwable failure = null;
        try {
            state.requestStop(callbacks.call("onTrainBegin", Callback::onTrainBegin, state));
            while (!state.shouldStop() && (epochInProgress(state)
                    || config.allowsEpoch(state.upcomingEpoch()) && !config.reachedMaxSteps(state.globalStep()))) {
                runEpoch(state, train, validation);
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.warn("Training failed at epoch {}, batch {}, global step {}: {}", state.epoch(), state.batchIndex(),
                    state.globalStep(), e.toString());
            callbacks.onException(state, e);
            throw e;
        } finally {
            try {
                callbacks.call("onTrainEnd", Callback::onTrainEnd, state);
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
        LOG.info("Training ended at epoch {}, global step {}{}", state.epoch(), state.globalStep(),
                state.shouldStop() ? " (stop requested by a callback)" : "");
    }

    /** A resumed epoch that had begun (or finished its batches) must be closed out even if its bounds are now reached. */
    private static boolean epochInProgress(RunState state) {
        return !state.epochFinished() && (state.nextBatch() > 0 || state.trainingDone());
    }

    private void runEpoch(RunState state, BatchSource train, BatchSource validation) {
        state.enterEpoch();
        long epochStart = System.nanoTime();
        state.requestStop(callbacks.call("onEpochBegin", Callback::onEpochBegin, state));
        double lr = config.optimizer().learningRate();
        long samples = 0;
        long trainStart = System.nanoTime();
        if (!state.trainingDone()) {
            long stepsBefore = state.globalStep();
            samples = trainingLoop.run(train, state);
            if (config.maxEpochs() < 0 && samples > 0 && state.globalStep() == stepsBefore && !state.shouldStop()) {
                throw new IllegalStateException("Trainer: epoch " + state.epoch() + " took no optimizer step (every batch was"
                        + " skipped for a non-finite loss); a run bounded only by maxSteps would never end");
            }
            closeTraining(state);
        }
        double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
        if (validation != null && config.validatesAfter(state.epoch())) {
            state.requestStop(callbacks.call("onValidationBegin", Callback::onValidationBegin, state));
            validationLoop.run(validation, "val").forEach(state::logEpoch);
            state.requestStop(callbacks.call("onValidationEnd", Callback::onValidationEnd, state));
        }
        config.stepScheduler(SchedulerInterval.EPOCH, state.epochMetrics());

        Map<String, Double> row = new LinkedHashMap<>();
        row.put("epoch", (double) state.epoch());
        row.put("step", (double) state.globalStep());
        row.putAll(state.epochMetrics());
        row.put("lr", lr);
        row.put("epoch_seconds", (System.nanoTime() - epochStart) / 1e9);
        if (samples > 0 && trainSeconds > 0) {
            row.put("samples_per_second", samples / trainSeconds);
        }
        state.history().add(row);
        state.finishEpoch();
        if (LOG.isInfoEnabled()) {
            LOG.info("Epoch {}{}: {}", state.epoch() + 1, config.maxEpochs() > 0 ? "/" + config.maxEpochs() : "", describe(row));
        }
        state.requestStop(callbacks.call("onEpochEnd", Callback::onEpochEnd, state));
    }

    /** The epoch's training values over the batches it trained; the running accumulators start over. */
    private void closeTraining(RunState state) {
        if (!state.epochLoss().isEmpty()) {
            state.logEpoch("train_loss", state.epochLoss().mean());
            config.metrics().forEach((name, metric) -> state.logEpoch(name, metric.compute().doubleValue()));
        }
        config.metrics().values().forEach(Metric::reset);
        state.epochLoss().reset();
        state.finishTraining();
    }

    // ---- resume ----------------------------------------------------------------------------------

    private void restore(Path file, RunState state, BatchSource train) {
        String origin = "Trainer: resume from " + file;
        try (Scope scope = Scope.open()) {
            Map<String, Object> loop = TrainingCheckpoint.restore(file, config.model(), config.optimizer(), config.scheduler(),
                    config.callbacks());
            ResumePoint point = ResumePoint.fromStateDict(loop, origin);
            if (point.windowBatches() >= config.accumulateGradBatches()) {
                throw new IllegalArgumentException(origin + ": the checkpoint holds an accumulation window of " + point.windowBatches()
                        + " batches, but this trainer accumulates " + config.accumulateGradBatches() + "; resume with the same"
                        + " accumulateGradBatches");
            }
            config.model().loadGeneratorStates(point.generators());
            train.loadStateDict(point.sourceState());
            config.metrics().forEach((name, metric) -> {
                Map<String, ?> saved = point.metricStates().get(name);
                if (saved == null) {
                    throw new IllegalArgumentException(origin + ": the checkpoint holds no state for metric '" + name + "' (it has "
                            + point.metricStates().keySet() + "); resume with the metrics the run was started with");
                }
                metric.loadStateDict(saved);
            });
            restoreGradients(point, origin);
            state.restore(point);
        } catch (IOException e) {
            throw new UncheckedIOException(origin + " failed: " + e.getMessage(), e);
        }
        LOG.info("Resumed from {} at epoch {}, batch {}, global step {}{}", file, state.epoch(), state.nextBatch(),
                state.globalStep(), state.epochFinished() ? " (epoch finished)" : "");
    }

    /** Puts back the gradients an open accumulation window had summed so far. */
    private void restoreGradients(ResumePoint point, String origin) {
        config.optimizer().zeroGrad();
        if (point.windowBatches() == 0) {
            return;
        }
        List<Parameter> parameters = config.model().parameters();
        List<Tensor> saved = point.pendingGradients();
        if (saved.size() != parameters.size()) {
            throw new IllegalArgumentException(origin + ": the checkpoint holds " + saved.size() + " accumulated gradients for a model"
                    + " with " + parameters.size() + " parameters");
        }
        try (NoGrad ignored = NoGrad.enter()) {
            for (int i = 0; i < saved.size(); i++) {
                Tensor gradient = saved.get(i);
                Parameter parameter = parameters.get(i);
                if (gradient != null) {
                    Tensor placed = Placement.onto(gradient, parameter.backend());
                    parameter.setGrad(placed.dtype() == parameter.dtype() ? placed : placed.to(parameter.dtype()));
                }
            }
        }
    }

    // ---- evaluation ------------------------------------------------------------------------------

    /** Evaluates on {@code source}: {@code val_loss} and {@code val_<metric>}. Callbacks are not called. */
    public Map<String, Double> validate(BatchSource source) {
        return evaluate(source, "val");
    }

    /** Evaluates on {@code source}: {@code test_loss} and {@code test_<metric>}. Callbacks are not called. */
    public Map<String, Double> test(BatchSource source) {
        return evaluate(source, "test");
    }

    private Map<String, Double> evaluate(BatchSource source, String prefix) {
        Objects.requireNonNull(source, "source");
        checkPlacement(config.model(), config.backend());
        Map<String, Double> results = validationLoop.run(source, prefix);
        LOG.info("{}: {}", prefix.equals("val") ? "Validation" : "Test", describe(results));
        return results;
    }

    /**
     * The model's outputs (eval mode, no gradients) for every batch of {@code source}, concatenated
     * along the first dimension. The caller owns the result.
     */
    public Tensor predict(BatchSource source) {
        Objects.requireNonNull(source, "source");
        checkPlacement(config.model(), config.backend());
        return validationLoop.predict(source);
    }

    // ---- accessors -------------------------------------------------------------------------------

    public Module model() {
        return config.model();
    }

    public Optimizer optimizer() {
        return config.optimizer();
    }

    public Optional<LRScheduler> scheduler() {
        return Optional.ofNullable(config.scheduler());
    }

    public List<Callback> callbacks() {
        return config.callbacks();
    }

    /** The backend training runs on. */
    public Backend backend() {
        return config.backend();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private String bounds() {
        List<String> parts = new ArrayList<>();
        if (config.maxEpochs() > 0) {
            parts.add(config.maxEpochs() + " epochs");
        }
        if (config.maxSteps() > 0) {
            parts.add(config.maxSteps() + " steps");
        }
        return "at most " + String.join(" or ", parts);
    }

    private static String describe(Map<String, Double> values) {
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> {
            if (!key.equals("epoch")) {
                String number = key.equals("step") ? Long.toString(value.longValue()) : String.format(Locale.ROOT, "%.5g", value);
                text.append(text.isEmpty() ? "" : ", ").append(key).append('=').append(number);
            }
        });
        return text.toString();
    }

    private static void checkPlacement(Module model, Backend backend) {
        model.namedParameters().forEach((name, parameter) -> {
            if (parameter.backend() != backend) {
                throw new IllegalStateException("Trainer: model parameter '" + name + "' is on " + parameter.backend().name()
                        + " but the trainer runs on " + backend.name() + "; move the model with model.to(backend) before building"
                        + " its optimizer, or build the trainer with backend(" + parameter.backend().name() + ")");
            }
        });
    }

    /**
     * Options. Required: {@code model}, {@code loss}, {@code optimizer}, and {@code maxEpochs} or
     * {@code maxSteps} (or both). Defaults: no scheduler (epoch interval, monitor {@code val_loss}
     * when one is set), no callbacks or metrics, no gradient accumulation or clipping, validation
     * every epoch, no seed, the backend of the model's parameters, and {@link NonFiniteLoss#FAIL}.
     */
    public static final class Builder {
        private Module model;
        private Loss loss;
        private Optimizer optimizer;
        private LRScheduler scheduler;
        private SchedulerInterval schedulerInterval = SchedulerInterval.EPOCH;
        private String schedulerMonitor = "val_loss";
        private final List<Callback> callbacks = new ArrayList<>();
        private final Map<String, Metric<? extends Number>> metrics = new LinkedHashMap<>();
        private int maxEpochs = -1;
        private long maxSteps = -1;
        private int accumulateGradBatches = 1;
        private GradientClipping clipping;
        private int validateEveryNEpochs = 1;
        private Long seed;
        private Backend backend;
        private NonFiniteLoss onNonFiniteLoss = NonFiniteLoss.FAIL;

        private Builder() {
        }

        /** The model; its parameters must be on the training backend before its optimizer is built. */
        public Builder model(Module model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Any core loss (CrossEntropyLoss, MSELoss, ...) or a lambda; it must reduce to one value. */
        public Builder loss(Loss loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /** A scheduler stepped once per epoch. */
        public Builder scheduler(LRScheduler scheduler) {
            return scheduler(scheduler, SchedulerInterval.EPOCH);
        }

        /** A scheduler stepped per epoch or per optimizer step. */
        public Builder scheduler(LRScheduler scheduler, SchedulerInterval interval) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            this.schedulerInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * The logged value handed to {@code scheduler.step(value)} ({@code val_loss} by default): at the
         * epoch interval from the epoch's own values, at the step interval from the latest logged ones.
         * When it is missing the scheduler's plain {@code step()} is called, which metric-driven
         * schedulers such as ReduceLROnPlateau refuse.
         */
        public Builder schedulerMonitor(String monitor) {
            Objects.requireNonNull(monitor, "monitor");
            if (monitor.isBlank()) {
                throw new IllegalArgumentException("Trainer: schedulerMonitor must name a logged value (e.g. val_loss), got '"
                        + monitor + "'");
            }
            this.schedulerMonitor = monitor;
            return this;
        }

        /** Replaces the callbacks; they are called in this order. */
        public Builder callbacks(List<? extends Callback> callbacks) {
            Objects.requireNonNull(callbacks, "callbacks");
            for (int i = 0; i < callbacks.size(); i++) {
                Objects.requireNonNull(callbacks.get(i), "callbacks[" + i + "] is null");
            }
            this.callbacks.clear();
            this.callbacks.addAll(callbacks);
            return this;
        }

        /** Adds a callback after those given so far. */
        public Builder callback(Callback callback) {
            callbacks.add(Objects.requireNonNull(callback, "callback"));
            return this;
        }

        /**
         * Tracks {@code metric} on the model's outputs: logged as {@code name} over each training
         * epoch, {@code val_name} after validation and {@code test_name} by {@link #test}. The same
         * instance serves all three (it is reset between them).
         */
        public Builder metric(String name, Metric<? extends Number> metric) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(metric, "metric");
            if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("Trainer: metric name must be non-blank without spaces, got '" + name + "'");
            }
            if (RESERVED_KEYS.contains(name) || name.startsWith("val_") || name.startsWith("test_")) {
                throw new IllegalArgumentException("Trainer: metric name '" + name + "' clashes with the trainer's own keys "
                        + RESERVED_KEYS + " or the val_/test_ prefixes; choose another");
            }
            if (metrics.containsKey(name)) {
                throw new IllegalArgumentException("Trainer: metric '" + name + "' is already registered");
            }
            if (metrics.containsValue(metric)) {
                throw new IllegalArgumentException("Trainer: metric '" + name + "' is an instance already registered under another"
                        + " name; give each name its own instance");
            }
            metrics.put(name, metric);
            return this;
        }

        /** Epochs to train; at least 1. */
        public Builder maxEpochs(int maxEpochs) {
            if (maxEpochs < 1) {
                throw new IllegalArgumentException("Trainer: maxEpochs must be >= 1, got " + maxEpochs);
            }
            this.maxEpochs = maxEpochs;
            return this;
        }

        /** Optimizer steps to take at most; at least 1. With maxEpochs too, whichever comes first ends training. */
        public Builder maxSteps(long maxSteps) {
            if (maxSteps < 1) {
                throw new IllegalArgumentException("Trainer: maxSteps must be >= 1, got " + maxSteps);
            }
            this.maxSteps = maxSteps;
            return this;
        }

        /** Batches whose gradients are summed (each loss scaled by 1/n) per optimizer step; 1 (the default) steps every batch. */
        public Builder accumulateGradBatches(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("Trainer: accumulateGradBatches must be >= 1, got " + n);
            }
            this.accumulateGradBatches = n;
            return this;
        }

        /** Clips the total 2-norm of the gradients to {@code maxNorm} before each step. */
        public Builder gradientClipNorm(double maxNorm) {
            return gradientClipNorm(maxNorm, 2.0);
        }

        /** Clips the total {@code normType}-norm (+infinity for the max norm) of the gradients to {@code maxNorm}. */
        public Builder gradientClipNorm(double maxNorm, double normType) {
            return clipping(GradientClipping.norm(maxNorm, normType));
        }

        /** Clamps every gradient element into {@code [-clipValue, clipValue]} before each step. */
        public Builder gradientClipValue(double clipValue) {
            return clipping(GradientClipping.value(clipValue));
        }

        private Builder clipping(GradientClipping wanted) {
            if (clipping != null && clipping.byNorm() != wanted.byNorm()) {
                throw new IllegalArgumentException("Trainer: gradientClipNorm and gradientClipValue are exclusive; "
                        + clipping + " is already set");
            }
            this.clipping = wanted;
            return this;
        }

        /** Validate after every n-th epoch; at least 1. */
        public Builder validateEveryNEpochs(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("Trainer: validateEveryNEpochs must be >= 1, got " + n);
            }
            this.validateEveryNEpochs = n;
            return this;
        }

        /** Reseeds the model's run-time generators (dropout) when a fresh fit starts; see the class notes. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The backend to train on; the model's parameters must already be there. Default: theirs. */
        public Builder backend(Backend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
            return this;
        }

        public Builder onNonFiniteLoss(NonFiniteLoss policy) {
            this.onNonFiniteLoss = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @throws IllegalStateException when model, loss or optimizer is missing, neither maxEpochs nor
         *                               maxSteps is set, or the model is not on the chosen backend
         */
        public Trainer build() {
            List<String> missing = new ArrayList<>();
            if (model == null) {
                missing.add("model(...)");
            }
            if (loss == null) {
                missing.add("loss(...)");
            }
            if (optimizer == null) {
                missing.add("optimizer(...)");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Trainer: " + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
                        + " required; set " + (missing.size() == 1 ? "it" : "them") + " before build()");
            }
            if (maxEpochs < 0 && maxSteps < 0) {
                throw new IllegalStateException("Trainer: set maxEpochs(...) or maxSteps(...) (or both) so that training ends");
            }
            Backend chosen = backend != null ? backend : defaultBackend(model);
            checkPlacement(model, chosen);
            return new Trainer(new TrainerConfig(model, loss, optimizer, scheduler, schedulerInterval, schedulerMonitor,
                    List.copyOf(callbacks), new LinkedHashMap<>(metrics), maxEpochs, maxSteps, accumulateGradBatches, clipping,
                    validateEveryNEpochs, seed, chosen, onNonFiniteLoss));
        }

        private static Backend defaultBackend(Module model) {
            List<Parameter> parameters = model.parameters();
            return parameters.isEmpty() ? Backends.current() : parameters.get(0).backend();
        }
    }
}
