package dev.ithaca.callbacks;

import dev.ithaca.nn.Module;
import dev.ithaca.train.Callback;
import dev.ithaca.train.CallbackSignal;
import dev.ithaca.train.LRScheduler;
import dev.ithaca.train.Optimizer;
import dev.ithaca.train.TrainingState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A training state a test sets by hand, plus a tiny loop that calls the hooks in a trainer's order. */
final class TestState implements TrainingState {
    int epoch;
    int maxEpochs = -1;
    long globalStep;
    long batchIndex;
    long batchesPerEpoch = -1;
    final Map<String, Double> metrics = new LinkedHashMap<>();
    boolean shouldStop;
    Module model;
    Optimizer optimizer = new FakeOptimizer(1);
    LRScheduler scheduler;
    final List<Callback> callbacks = new ArrayList<>();

    TestState(Module model, Callback... callbacks) {
        this.model = model;
        this.callbacks.addAll(List.of(callbacks));
    }

    @Override
    public int epoch() {
        return epoch;
    }

    @Override
    public int maxEpochs() {
        return maxEpochs;
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
        return Collections.unmodifiableMap(metrics);
    }

    @Override
    public boolean shouldStop() {
        return shouldStop;
    }

    @Override
    public Module model() {
        return model;
    }

    @Override
    public Optimizer optimizer() {
        return optimizer;
    }

    @Override
    public Optional<LRScheduler> scheduler() {
        return Optional.ofNullable(scheduler);
    }

    @Override
    public List<Callback> callbacks() {
        return callbacks;
    }

    @Override
    public Map<String, Object> loopState() {
        return Map.of("epoch", epoch, "global_step", globalStep);
    }

    /** Runs one hook on every callback and folds their answers; a STOP sets shouldStop. */
    CallbackSignal fire(Function<Callback, CallbackSignal> hook) {
        CallbackSignal signal = CallbackSignal.CONTINUE;
        for (Callback c : callbacks) {
            signal = signal.and(hook.apply(c));
        }
        if (signal == CallbackSignal.STOP) {
            shouldStop = true;
        }
        return signal;
    }

    /**
     * One epoch as a loop runs it: {@code batches} steps reporting {@code loss}, then (when
     * {@code valLoss} is not null) a validation reporting {@code val_loss}, then the epoch end. A STOP
     * after a batch skips the epoch's remaining batches.
     * Advances {@code epoch} afterwards; returns whether a callback asked to stop.
     */
    boolean runEpoch(int batches, double loss, Double valLoss) {
        fire(c -> c.onEpochBegin(this));
        batchesPerEpoch = batches;
        for (int b = 0; b < batches; b++) {
            batchIndex = b;
            fire(c -> c.onBatchBegin(this));
            globalStep++;
            metrics.put("loss", loss);
            if (fire(c -> c.onBatchEnd(this)) == CallbackSignal.STOP) {
                break; // as a loop does: the epoch ends after the batch that asked to stop
            }
        }
        if (valLoss != null) {
            fire(c -> c.onValidationBegin(this));
            metrics.put("val_loss", valLoss);
            fire(c -> c.onValidationEnd(this));
        }
        fire(c -> c.onEpochEnd(this));
        epoch++;
        return shouldStop;
    }

    /** Epochs with one batch each and the given validation losses, until a callback stops; returns epochs run. */
    int fit(double... valLosses) {
        fire(c -> c.onTrainBegin(this));
        int run = 0;
        for (double v : valLosses) {
            run++;
            if (runEpoch(1, 1.0, v)) {
                break;
            }
        }
        fire(c -> c.onTrainEnd(this));
        return run;
    }
}
