package dev.ithaca.callbacks;

import dev.ithaca.train.Callback;
import dev.ithaca.train.CallbackSignal;
import dev.ithaca.train.LossChecks;
import dev.ithaca.train.TrainingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;

/**
 * Stops training as soon as a batch's loss is NaN or infinite (as Keras's {@code TerminateOnNaN}):
 * checked at every {@code onBatchEnd} on the metric the loop reports the batch loss under,
 * {@code loss} by default. A run that reports no such metric is warned about once.
 */
public final class TerminateOnNaN implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(TerminateOnNaN.class);

    private final String monitor;
    private boolean warnedMissing;
    private String stopReason;

    /** Watches {@code loss}. */
    public TerminateOnNaN() {
        this("loss");
    }

    public TerminateOnNaN(String monitor) {
        Objects.requireNonNull(monitor, "monitor");
        if (monitor.isBlank()) {
            throw new IllegalArgumentException("TerminateOnNaN: monitor must name a metric, got '" + monitor + "'");
        }
        this.monitor = monitor;
    }

    @Override
    public CallbackSignal onBatchEnd(TrainingState state) {
        Double loss = state.metrics().get(monitor);
        if (loss == null) {
            if (!warnedMissing) {
                warnedMissing = true;
                LOG.warn("TerminateOnNaN: no '{}' among the batch metrics {}; nothing to check", monitor, state.metrics().keySet());
            }
            return CallbackSignal.CONTINUE;
        }
        if (LossChecks.isValidLoss(loss)) {
            return CallbackSignal.CONTINUE;
        }
        stopReason = "invalid " + monitor + " " + loss + " at global step " + state.globalStep() + " (epoch " + state.epoch()
                + ", batch " + state.batchIndex() + ")";
        LOG.error("TerminateOnNaN: {}; stopping training", stopReason);
        return CallbackSignal.STOP;
    }

    /** Why training was stopped (step and value), when it was. */
    public Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }
}
