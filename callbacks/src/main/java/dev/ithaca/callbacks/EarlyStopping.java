package dev.ithaca.callbacks;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.memory.Scope;
import dev.ithaca.nn.Module;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Callback;
import dev.ithaca.train.CallbackSignal;
import dev.ithaca.train.TrainingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Stops training when a monitored metric stops improving, with PyTorch Lightning 2.x semantics.
 *
 * <h2>When it checks</h2>
 * At {@code onValidationEnd}, so {@code val_*} metrics are fresh. In a run that has not validated
 * (yet), it checks at {@code onEpochEnd} instead, for monitoring training metrics such as
 * {@code loss}; once a validation has run, epoch ends are no longer checked, so an epoch that skips
 * validation does not count a stale value twice.
 *
 * <h2>The rule</h2>
 * A check improves when the value is better than the best so far by more than {@code minDelta}
 * (strictly: an equal value does not improve). An improvement sets best and resets {@code wait} to
 * 0; any other check increments {@code wait}, and training stops when {@code wait >= patience}. So
 * patience 0 stops at the first check without improvement. A {@code baseline} is the starting best:
 * the metric must beat it by more than {@code minDelta} to count as improving. With
 * {@code checkFinite} (on by default), a NaN or infinite value stops at once; without it, such a
 * value is simply no improvement.
 *
 * <h2>Missing metric</h2>
 * With {@code strict} (the default), a check that finds no value for {@code monitor} throws an
 * {@link IllegalStateException} listing the metrics there are; otherwise it logs one warning and
 * skips such checks.
 *
 * <h2>Best weights</h2>
 * With {@code restoreBestWeights}, a copy of the model's state dict is kept at each improvement and
 * loaded back into the model at {@code onTrainEnd}. The copy is part of {@link #stateDict()} (as
 * tensors), so it survives a resume; {@link #close()} frees it.
 */
public final class EarlyStopping implements Callback, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EarlyStopping.class);

    private final String monitor;
    private final Mode mode;
    private final int patience;
    private final double minDelta;
    private final Double baseline;
    private final boolean restoreBestWeights;
    private final boolean checkFinite;
    private final boolean strict;

    private double best;
    private int wait;
    private int stoppedEpoch = -1;
    private int bestEpoch = -1;
    private boolean validationSeen;
    private boolean warnedMissing;
    private String stopReason;
    private Map<String, Tensor> bestWeights;

    /** Monitors {@code monitor} in min mode with the given patience and the other options at their defaults. */
    public EarlyStopping(String monitor, int patience) {
        this(builder(monitor).patience(patience));
    }

    private EarlyStopping(Builder b) {
        this.monitor = b.monitor;
        this.mode = b.mode;
        this.patience = b.patience;
        this.minDelta = b.minDelta;
        this.baseline = b.baseline;
        this.restoreBestWeights = b.restoreBestWeights;
        this.checkFinite = b.checkFinite;
        this.strict = b.strict;
        this.best = baseline != null ? baseline : mode.worst();
    }

    public static Builder builder(String monitor) {
        return new Builder(monitor);
    }

    /** Distinct per monitored metric and mode, so several can run side by side (as Lightning). */
    @Override
    public String stateKey() {
        return "EarlyStopping{monitor=" + monitor + ",mode=" + mode + "}";
    }

    // ---- hooks -----------------------------------------------------------------------------------

    @Override
    public CallbackSignal onValidationEnd(TrainingState state) {
        validationSeen = true;
        return check(state);
    }

    @Override
    public CallbackSignal onEpochEnd(TrainingState state) {
        return validationSeen ? CallbackSignal.CONTINUE : check(state);
    }

    @Override
    public CallbackSignal onTrainEnd(TrainingState state) {
        if (restoreBestWeights) {
            if (bestWeights != null) {
                state.model().loadStateDict(bestWeights, true);
                LOG.info("EarlyStopping: restored the model weights of epoch {}, when {} was {}", bestEpoch, monitor, best);
            } else {
                LOG.warn("EarlyStopping: restoreBestWeights is on, but {} never improved on {}; the model keeps its last weights",
                        monitor, baseline != null ? "the baseline " + baseline : "its start");
            }
        }
        return CallbackSignal.CONTINUE;
    }

    private CallbackSignal check(TrainingState state) {
        Double current = state.metrics().get(monitor);
        if (current == null) {
            String message = "EarlyStopping: monitored metric '" + monitor + "' is not among the metrics "
                    + new TreeSet<>(state.metrics().keySet()) + " at epoch " + state.epoch();
            if (strict) {
                throw new IllegalStateException(message + "; log it, or pass strict(false) to skip checks without it");
            }
            if (!warnedMissing) {
                warnedMissing = true;
                LOG.warn("{}; checks without it are skipped", message);
            }
            return CallbackSignal.CONTINUE;
        }
        boolean stop = false;
        if (checkFinite && !Double.isFinite(current)) {
            stop = true;
            stopReason = "monitored metric " + monitor + " = " + current + " is not finite at epoch " + state.epoch()
                    + "; previous best " + best;
        } else if (mode.improves(current, best, minDelta)) {
            LOG.debug("EarlyStopping: {} improved from {} to {} at epoch {}", monitor, best, current, state.epoch());
            best = current;
            bestEpoch = state.epoch();
            wait = 0;
            if (restoreBestWeights) {
                snapshot(state.model());
            }
        } else {
            wait++;
            if (wait >= patience) {
                stop = true;
                stopReason = "monitored metric " + monitor + " did not improve by more than " + minDelta + " in the last "
                        + wait + " checks; best " + best + (bestEpoch >= 0 ? " at epoch " + bestEpoch : "");
            }
        }
        if (stop) {
            stoppedEpoch = state.epoch();
            LOG.info("EarlyStopping: stopping at epoch {}: {}", stoppedEpoch, stopReason);
            return CallbackSignal.STOP;
        }
        return CallbackSignal.CONTINUE;
    }

    private void snapshot(Module model) {
        Map<String, Tensor> copy = copyOf(model.stateDict());
        freeBestWeights();
        bestWeights = copy;
    }

    /** Copies owned by this callback: no autograd history, out of every scope. */
    private static Map<String, Tensor> copyOf(Map<String, ? extends Tensor> source) {
        Map<String, Tensor> copy = new LinkedHashMap<>();
        try (NoGrad ignored = NoGrad.enter()) {
            source.forEach((name, tensor) -> {
                Tensor clone = tensor.clone();
                Scope.untrack(clone);
                copy.put(name, clone);
            });
        }
        return copy;
    }

    private void freeBestWeights() {
        if (bestWeights != null) {
            bestWeights.values().forEach(Tensor::close);
            bestWeights = null;
        }
    }

    /** Frees the best-weights copy, if one is held. */
    @Override
    public void close() {
        freeBestWeights();
    }

    // ---- observations ----------------------------------------------------------------------------

    public String monitor() {
        return monitor;
    }

    /** The best value seen so far (the baseline, or the worst value of the mode, before any improvement). */
    public double bestScore() {
        return best;
    }

    /** Consecutive checks without improvement. */
    public int waitCount() {
        return wait;
    }

    /** The epoch at which this callback asked to stop, or -1. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** Why training was stopped, when it was. */
    public Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    // ---- state -----------------------------------------------------------------------------------

    /**
     * {@code best_score}, {@code wait_count}, {@code stopped_epoch}, {@code best_epoch},
     * {@code validation_seen}, and, with restoreBestWeights once an improvement happened,
     * {@code best_weights}: the live copy (do not close it; a checkpoint writes it as tensors).
     */
    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("best_score", best);
        state.put("wait_count", wait);
        state.put("stopped_epoch", stoppedEpoch);
        state.put("best_epoch", bestEpoch);
        state.put("validation_seen", validationSeen);
        if (bestWeights != null) {
            state.put("best_weights", bestWeights);
        }
        return state;
    }

    @Override
    public void loadStateDict(Map<String, ?> state) {
        Objects.requireNonNull(state, "state");
        String owner = "EarlyStopping(" + monitor + ")";
        double loadedBest = StateValues.number(owner, state, "best_score");
        int loadedWait = Math.toIntExact(StateValues.whole(owner, state, "wait_count"));
        int loadedStopped = Math.toIntExact(StateValues.whole(owner, state, "stopped_epoch"));
        int loadedBestEpoch = state.containsKey("best_epoch") ? Math.toIntExact(StateValues.whole(owner, state, "best_epoch")) : -1;
        boolean loadedSeen = StateValues.flag(owner, state, "validation_seen", false);
        Map<String, Tensor> weights = null;
        Object saved = state.get("best_weights");
        if (saved != null) {
            if (!(saved instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(owner + ": state dict entry 'best_weights' must map names to tensors, got " + saved);
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            map.forEach((name, value) -> {
                if (!(value instanceof Tensor tensor)) {
                    throw new IllegalArgumentException(owner + ": best_weights '" + name + "' must be a tensor, got " + value);
                }
                tensors.put(String.valueOf(name), tensor);
            });
            weights = copyOf(tensors);
        }
        best = loadedBest;
        wait = loadedWait;
        stoppedEpoch = loadedStopped;
        bestEpoch = loadedBestEpoch;
        validationSeen = loadedSeen;
        freeBestWeights();
        bestWeights = weights;
    }

    @Override
    public String toString() {
        return "EarlyStopping(monitor=" + monitor + ", mode=" + mode + ", patience=" + patience + ", minDelta=" + minDelta
                + (baseline != null ? ", baseline=" + baseline : "") + ", restoreBestWeights=" + restoreBestWeights
                + ", checkFinite=" + checkFinite + ", strict=" + strict + ")";
    }

    /** Options, defaulting as Lightning's: mode min, patience 3, minDelta 0, checkFinite and strict on. */
    public static final class Builder {
        private final String monitor;
        private Mode mode = Mode.MIN;
        private int patience = 3;
        private double minDelta;
        private Double baseline;
        private boolean restoreBestWeights;
        private boolean checkFinite = true;
        private boolean strict = true;

        private Builder(String monitor) {
            Objects.requireNonNull(monitor, "monitor");
            if (monitor.isBlank()) {
                throw new IllegalArgumentException("EarlyStopping: monitor must name a metric, got '" + monitor + "'");
            }
            this.monitor = monitor;
        }

        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** {@code "min"} or {@code "max"}. */
        public Builder mode(String mode) {
            return mode(Mode.parse(mode));
        }

        /** Checks without improvement tolerated; at least 0. */
        public Builder patience(int patience) {
            if (patience < 0) {
                throw new IllegalArgumentException("EarlyStopping: patience must be >= 0, got " + patience);
            }
            this.patience = patience;
            return this;
        }

        /** How much better than the best a value must be to count as improving; at least 0. */
        public Builder minDelta(double minDelta) {
            if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
                throw new IllegalArgumentException("EarlyStopping: minDelta must be finite and >= 0, got " + minDelta);
            }
            this.minDelta = minDelta;
            return this;
        }

        /** The value the metric must beat; no baseline by default. */
        public Builder baseline(double baseline) {
            if (!Double.isFinite(baseline)) {
                throw new IllegalArgumentException("EarlyStopping: baseline must be finite, got " + baseline);
            }
            this.baseline = baseline;
            return this;
        }

        public Builder restoreBestWeights(boolean restoreBestWeights) {
            this.restoreBestWeights = restoreBestWeights;
            return this;
        }

        public Builder checkFinite(boolean checkFinite) {
            this.checkFinite = checkFinite;
            return this;
        }

        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        public EarlyStopping build() {
            return new EarlyStopping(this);
        }
    }
}
