package dev.ithaca.train;

import java.util.List;
import java.util.Map;

/**
 * Adjusts an optimizer's learning rates over time, with PyTorch's semantics: constructing a
 * scheduler applies its initial value, and each {@link #step()} advances one epoch (or one batch,
 * when a trainer steps it per batch). Implementations live in the {@code ithaca-schedulers} module.
 */
public interface LRScheduler {

    /** Advances one step. */
    void step();

    /**
     * Advances one step given a monitored value (validation loss, say). Schedulers that do not
     * use a metric ignore it; metric-driven ones (ReduceLROnPlateau) require this form.
     */
    default void step(double metric) {
        step();
    }

    /** Learning rate of each parameter group after the last step. */
    List<Double> lastLrs();

    /** Learning rate of group 0 after the last step. */
    default double lastLr() {
        return lastLrs().get(0);
    }

    Map<String, Object> stateDict();

    void loadStateDict(Map<String, ?> state);
}
