/**
 * Streaming metrics with torchmetrics semantics: {@code update} per batch, {@code compute} over
 * everything since {@code reset}, {@code merge} across workers and {@code stateDict} for resuming.
 * Classification: {@link dev.ithaca.metrics.Accuracy}, {@link dev.ithaca.metrics.Precision},
 * {@link dev.ithaca.metrics.Recall}, {@link dev.ithaca.metrics.F1Score},
 * {@link dev.ithaca.metrics.FBetaScore}, {@link dev.ithaca.metrics.ConfusionMatrix}. Regression and
 * language modelling: {@link dev.ithaca.metrics.MeanSquaredError},
 * {@link dev.ithaca.metrics.MeanAbsoluteError}, {@link dev.ithaca.metrics.Perplexity}. Loss curves:
 * {@link dev.ithaca.metrics.LossTracker}. New metrics extend {@link dev.ithaca.metrics.StatefulMetric}
 * and declare their state once.
 */
package dev.ithaca.metrics;
