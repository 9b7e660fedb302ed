package dev.ithaca.callbacks;

import dev.ithaca.train.Callback;
import dev.ithaca.train.CallbackSignal;
import dev.ithaca.train.Optimizer;
import dev.ithaca.train.TrainingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Records the learning rate of every parameter group, as Lightning's {@code LearningRateMonitor}:
 * at the start of each epoch ({@link Interval#EPOCH}, the default) or each batch
 * ({@link Interval#STEP}), i.e. the rate the coming updates use. Keys are {@code lr-<Optimizer>}, or
 * {@code lr-<Optimizer>/pg<i>} when there are several groups. Values go to {@link #history()} and
 * to the log (INFO per epoch, DEBUG per step); the history covers this process only and is not
 * part of the state dict.
 */
public final class LearningRateMonitor implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(LearningRateMonitor.class);

    /** When the rate is recorded. */
    public enum Interval {
        STEP,
        EPOCH
    }

    /** Learning rates by key at one point of training. */
    public record Record(int epoch, long globalStep, Map<String, Double> learningRates) {
        public Record {
            learningRates = Collections.unmodifiableMap(new LinkedHashMap<>(learningRates));
        }
    }

    private final Interval interval;
    private final List<Record> history = new ArrayList<>();

    /** Records once per epoch. */
    public LearningRateMonitor() {
        this(Interval.EPOCH);
    }

    public LearningRateMonitor(Interval interval) {
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    @Override
    public CallbackSignal onEpochBegin(TrainingState state) {
        if (interval == Interval.EPOCH) {
            Record r = record(state);
            LOG.info("epoch {}: {}", state.epoch(), r.learningRates());
        }
        return CallbackSignal.CONTINUE;
    }

    @Override
    public CallbackSignal onBatchBegin(TrainingState state) {
        if (interval == Interval.STEP) {
            Record r = record(state);
            LOG.debug("step {}: {}", state.globalStep(), r.learningRates());
        }
        return CallbackSignal.CONTINUE;
    }

    private Record record(TrainingState state) {
        Optimizer optimizer = state.optimizer();
        String base = "lr-" + optimizer.getClass().getSimpleName();
        Map<String, Double> rates = new LinkedHashMap<>();
        int groups = optimizer.groupCount();
        for (int g = 0; g < groups; g++) {
            rates.put(groups == 1 ? base : base + "/pg" + g, optimizer.learningRate(g));
        }
        Record r = new Record(state.epoch(), state.globalStep(), rates);
        history.add(r);
        return r;
    }

    /** Every record, oldest first. */
    public List<Record> history() {
        return Collections.unmodifiableList(history);
    }

    /** The rates of the latest record, or an empty map before the first. */
    public Map<String, Double> latest() {
        return history.isEmpty() ? Map.of() : history.get(history.size() - 1).learningRates();
    }
}
