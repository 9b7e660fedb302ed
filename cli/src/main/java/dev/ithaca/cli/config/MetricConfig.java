package dev.ithaca.cli.config;

import dev.ithaca.cli.config.bind.Key;
import dev.ithaca.cli.config.bind.Section;
import dev.ithaca.cli.config.bind.Variant;

/** A metric computed on validation and test data (from {@code ithaca-metrics}); reported as {@code val_<name>}. */
@Section(doc = "Metrics computed on validation and test data, reported as `val_<type>` and `test_<type>` (the validation"
        + " loss is always reported). A bare name (`- accuracy`) takes every default.")
public sealed interface MetricConfig {

    /** The name the metric is reported under. */
    default String reportName() {
        return getClass().getAnnotation(Variant.class).name();
    }

    /** How per-class scores become one number (torchmetrics' {@code average}). */
    enum Average { MICRO, MACRO, WEIGHTED }

    @Variant(name = "accuracy", doc = "Share of examples whose target is among the `top_k` highest scores.")
    record Accuracy(
            @Key(doc = "Count a prediction as right when the target is among this many top scores.", defaultValue = "1", min = 1)
            int topK,
            @Key(doc = "`micro` (over all examples), `macro` (mean over classes) or `weighted` (by class support).",
                    defaultValue = "micro") Average average) implements MetricConfig {
    }

    @Variant(name = "precision", doc = "Precision of the top-1 predictions.")
    record Precision(
            @Key(doc = "`micro`, `macro` or `weighted` over classes.", defaultValue = "macro") Average average) implements MetricConfig {
    }

    @Variant(name = "recall", doc = "Recall of the top-1 predictions.")
    record Recall(
            @Key(doc = "`micro`, `macro` or `weighted` over classes.", defaultValue = "macro") Average average) implements MetricConfig {
    }

    @Variant(name = "f1", doc = "F1 score of the top-1 predictions.")
    record F1(
            @Key(doc = "`micro`, `macro` or `weighted` over classes.", defaultValue = "macro") Average average) implements MetricConfig {
    }

    @Variant(name = "mse", doc = "Mean squared error (regression).")
    record Mse(
            @Key(doc = "Report the root of the mean squared error instead.", defaultValue = "false") boolean root) implements MetricConfig {
    }

    @Variant(name = "mae", doc = "Mean absolute error (regression).")
    record Mae() implements MetricConfig {
    }

    @Variant(name = "perplexity", doc = "exp of the mean next-token cross-entropy (language models).")
    record Perplexity() implements MetricConfig {
    }
}
