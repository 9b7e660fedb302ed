package dev.ithaca.cli.build;

import dev.ithaca.cli.config.MetricConfig;
import dev.ithaca.metrics.Accuracy;
import dev.ithaca.metrics.Average;
import dev.ithaca.metrics.F1Score;
import dev.ithaca.metrics.MeanAbsoluteError;
import dev.ithaca.metrics.MeanSquaredError;
import dev.ithaca.metrics.Perplexity;
import dev.ithaca.metrics.Precision;
import dev.ithaca.metrics.Recall;
import dev.ithaca.train.Metric;

/** Builds a configured metric for data with {@code shape.outputs()} classes. */
public final class MetricFactory {
    private MetricFactory() {
    }

    public static Metric<? extends Number> create(MetricConfig config, DataShape shape) {
        int classes = shape.outputs();
        if (config instanceof MetricConfig.Accuracy c) {
            return Accuracy.multiclass(classes).topK(c.topK()).average(average(c.average()));
        }
        if (config instanceof MetricConfig.Precision c) {
            return Precision.multiclass(classes, average(c.average()));
        }
        if (config instanceof MetricConfig.Recall c) {
            return Recall.multiclass(classes, average(c.average()));
        }
        if (config instanceof MetricConfig.F1 c) {
            return F1Score.multiclass(classes, average(c.average()));
        }
        if (config instanceof MetricConfig.Mse c) {
            return c.root() ? MeanSquaredError.rootMeanSquared() : new MeanSquaredError();
        }
        if (config instanceof MetricConfig.Mae) {
            return new MeanAbsoluteError();
        }
        return new Perplexity();
    }

    private static Average average(MetricConfig.Average average) {
        return Average.valueOf(average.name());
    }
}
