package dev.ithaca.metrics;

/** How per-class classification scores are reduced to one number (torchmetrics' {@code average}). */
public enum Average {
    /** Sum the counts over all classes first, then compute the score once. */
    MICRO,
    /** Mean of the per-class scores over the classes that occur (see each metric for "occur"). */
    MACRO,
    /** Mean of the per-class scores weighted by each class's support (its number of targets). */
    WEIGHTED,
    /** No reduction: one score per class, from {@code computePerClass()}. */
    NONE
}
