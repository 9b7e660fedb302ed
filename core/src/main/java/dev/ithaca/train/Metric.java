package dev.ithaca.train;

import dev.ithaca.tensor.Tensor;

import java.util.Map;

/**
 * A streaming metric with torchmetrics semantics: {@link #update} accumulates a batch,
 * {@link #compute} reports over everything since the last {@link #reset}, {@link #merge} combines
 * another worker's partial state. Implementations live in the {@code ithaca-metrics} module.
 *
 * @param <R> what {@link #compute} returns (a {@code Double} for most metrics, {@code long[][]} for a
 *            confusion matrix)
 */
public interface Metric<R> {

    /** Accumulates one batch of predictions (logits, probabilities or values) and targets. */
    void update(Tensor predictions, Tensor targets);

    /** The metric over every batch since the last reset. */
    R compute();

    void reset();

    /** Adds {@code other}'s accumulated state to this one (same metric type and settings). */
    void merge(Metric<R> other);

    /** Plain data that {@link #loadStateDict} restores exactly. */
    Map<String, Object> stateDict();

    void loadStateDict(Map<String, ?> state);
}
