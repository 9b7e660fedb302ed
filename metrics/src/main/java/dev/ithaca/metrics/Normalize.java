package dev.ithaca.metrics;

/** How {@link ConfusionMatrix#computeNormalized()} scales the counts (torchmetrics' {@code normalize}). */
public enum Normalize {
    /** The counts as they are. */
    NONE,
    /** Each row (target class) sums to 1. */
    TRUE,
    /** Each column (predicted class) sums to 1. */
    PRED,
    /** All cells together sum to 1. */
    ALL
}
