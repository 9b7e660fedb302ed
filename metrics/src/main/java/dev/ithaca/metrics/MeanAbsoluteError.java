package dev.ithaca.metrics;

import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;

/**
 * Mean of {@code |prediction - target|} over every element seen (torchmetrics
 * {@code MeanAbsoluteError}). Sums are kept in FLOAT64. With no elements the result is NaN (0 / 0).
 */
public final class MeanAbsoluteError extends StatefulMetric<Double> {
    private final MetricState sumAbsoluteError = addState("sumAbsoluteError", DType.FLOAT64, StateReduction.SUM);
    private final MetricState count = addState("count", DType.INT64, StateReduction.SUM);

    public MeanAbsoluteError() {
        super("MeanAbsoluteError");
    }

    @Override
    protected void accumulateBatch(Tensor predictions, Tensor targets) {
        Tensor diff = RegressionInput.difference(metricName(), predictions, targets);
        accumulate(sumAbsoluteError, diff.abs().sum());
        accumulate(count, Tensor.scalar(diff.numel(), DType.INT64));
    }

    @Override
    protected Object config() {
        return "MAE";
    }

    @Override
    public Double compute() {
        return doubles(sumAbsoluteError)[0] / longs(count)[0];
    }
}
