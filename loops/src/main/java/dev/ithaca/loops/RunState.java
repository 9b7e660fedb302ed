package dev.ithaca.loops;

import dev.ithaca.nn.Module;
import dev.ithaca.train.BatchSource;
import dev.ithaca.train.Callback;
import dev.ithaca.train.CallbackSignal;
import dev.ithaca.train.LRScheduler;
import dev.ithaca.train.Optimizer;
import dev.ithaca.train.TrainingState;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where one {@link Trainer#fit} run stands: the counters callbacks see, the epoch's running
 * accumulators and the history. Everything that a resumed run needs goes through
 * {@link #loopState()} ({@link ResumePoint}).
 *
 * <p>Position: {@code nextBatch} is the index of the next batch the epoch will train, so a
 * checkpoint taken in {@code onBatchEnd} resumes at the batch after. {@code trainingDone} marks an
 * epoch whose batches are over and whose training metrics are in {@code epochMetrics} (validation
 * may still be running); {@code epochFinished} marks an epoch whose {@code onEpochEnd} is underway,
 * so a checkpoint taken there resumes at the next epoch.
 */
final class RunState implements TrainingState {
    private final TrainerConfig config;
    private final BatchSource trainSource;
    private final long batchesPerEpoch;
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private final Map<String, Double> metricsView = Collections.unmodifiableMap(metrics);
    private final Map<String, Double> epochMetrics = new LinkedHashMap<>();
    private final WeightedMean epochLoss = new WeightedMean();
    private final History history = new History();

    private int epoch;
    private long batchIndex;
    private long nextBatch;
    private long globalStep;
    private boolean trainingDone;
    private boolean epochFinished;
    private boolean stopRequested;
    private int windowBatches;
    private int windowContributions;

    RunState(TrainerConfig config, BatchSource trainSource) {
        this.config = config;
        this.trainSource = trainSource;
        this.batchesPerEpoch = trainSource.batchesPerEpoch();
    }

    // ---- TrainingState ---------------------------------------------------------------------------

    @Override
    public int epoch() {
        return epoch;
    }

    @Override
    public int maxEpochs() {
        return config.maxEpochs();
    }

    @Override
    public long globalStep() {
        return globalStep;
    }

    @Override
    public long batchIndex() {
        return batchIndex;
    }

    @Override
    public long batchesPerEpoch() {
        return batchesPerEpoch;
    }

    @Override
    public Map<String, Double> metrics() {
        return metricsView;
    }

    @Override
    public boolean shouldStop() {
        return stopRequested;
    }

    @Override
    public Module model() {
        return config.model();
    }

    @Override
    public Optimizer optimizer() {
        return config.optimizer();
    }

    @Override
    public Optional<LRScheduler> scheduler() {
        return Optional.ofNullable(config.scheduler());
    }

    @Override
    public List<Callback> callbacks() {
        return config.callbacks();
    }

    @Override
    public Map<String, Object> loopState() {
        return ResumePoint.capture(this).toStateDict();
    }

    // ---- progress --------------------------------------------------------------------------------

    TrainerConfig config() {
        return config;
    }

    BatchSource trainSource() {
        return trainSource;
    }

    long nextBatch() {
        return nextBatch;
    }

    boolean trainingDone() {
        return trainingDone;
    }

    boolean epochFinished() {
        return epochFinished;
    }

    /** The epoch the run trains next: this one, or the following one once this one has finished. */
    int upcomingEpoch() {
        return epochFinished ? epoch + 1 : epoch;
    }

    /** Moves on to the next epoch if this one has finished; the epoch starts at {@link #nextBatch()}. */
    void enterEpoch() {
        if (epochFinished) {
            epoch++;
            nextBatch = 0;
            trainingDone = false;
            epochFinished = false;
            epochMetrics.clear();
        }
        batchIndex = nextBatch;
    }

    void beginBatch(long index) {
        batchIndex = index;
    }

    /** The batch at {@link #batchIndex()} is done (its optimizer step, if any, taken). */
    void endBatch() {
        nextBatch = batchIndex + 1;
    }

    void finishTraining() {
        trainingDone = true;
    }

    void finishEpoch() {
        epochFinished = true;
    }

    void requestStop(CallbackSignal signal) {
        if (signal == CallbackSignal.STOP) {
            stopRequested = true;
        }
    }

    void countStep() {
        globalStep++;
    }

    // ---- accumulation window ---------------------------------------------------------------------

    int windowBatches() {
        return windowBatches;
    }

    int windowContributions() {
        return windowContributions;
    }

    /** One more micro-batch in the open window; {@code contributed} when its gradient was accumulated. */
    void addToWindow(boolean contributed) {
        windowBatches++;
        if (contributed) {
            windowContributions++;
        }
    }

    void closeWindow() {
        windowBatches = 0;
        windowContributions = 0;
    }

    // ---- metrics ---------------------------------------------------------------------------------

    /** Records a logged value that callbacks see in {@link #metrics()}. */
    void log(String key, double value) {
        metrics.put(key, value);
    }

    /** Records an epoch-level value: logged for callbacks and kept for the epoch's history row. */
    void logEpoch(String key, double value) {
        metrics.put(key, value);
        epochMetrics.put(key, value);
    }

    Map<String, Double> epochMetrics() {
        return Collections.unmodifiableMap(epochMetrics);
    }

    WeightedMean epochLoss() {
        return epochLoss;
    }

    History history() {
        return history;
    }

    // ---- resume ----------------------------------------------------------------------------------

    /** Puts the counters, accumulators, logged values and history of {@code point} in place. */
    void restore(ResumePoint point) {
        epoch = point.epoch();
        nextBatch = point.nextBatch();
        batchIndex = Math.max(0, point.nextBatch() - 1);
        globalStep = point.globalStep();
        trainingDone = point.trainingDone();
        epochFinished = point.epochFinished();
        epochLoss.load(point.lossSum(), point.lossCount());
        windowBatches = point.windowBatches();
        windowContributions = point.windowContributions();
        epochMetrics.clear();
        epochMetrics.putAll(point.epochMetrics());
        metrics.clear();
        metrics.putAll(point.metrics());
        history.restore(point.history());
    }
}
