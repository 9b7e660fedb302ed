package dev.ithaca.metrics;

import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;

/**
 * Mean of {@code (prediction - target)²} over every element seen (torchmetrics
 * {@code MeanSquaredError}); {@link #rootMeanSquared()} reports its square root instead. Sums are
 * kept in FLOAT64. With no elements the result is NaN (0 / 0).
 */
public final class MeanSquaredError extends StatefulMetric<Double> {
    private final boolean squared;
    private final MetricState sumSquaredError = addState("sumSquaredError", DType.FLOAT64, StateReduction.SUM);
    private final MetricState count = addState("count", DType.INT64, StateReduction.SUM);

    public MeanSquaredError() {
        this(true);
    }

    private MeanSquaredError(boolean squared) {
        super(squared ? "MeanSquaredError" : "RootMeanSquaredError");
        this.squared = squared;
    }

    /** RMSE: torchmetrics' {@code MeanSquaredError(squared=False)}. */
    public static MeanSquaredError rootMeanSquared() {
        return new MeanSquaredError(false);
    }

    @Override
    protected void accumulateBatch(Tensor predictions, Tensor targets) {
        Tensor diff = RegressionInput.difference(metricName(), predictions, targets);
        accumulate(sumSquaredError, diff.square().sum());
        accumulate(count, Tensor.scalar(diff.numel(), DType.INT64));
    }

    @Override
    protected Object config() {
        return squared;
    }

    @Override
    public Double compute() {
        double mse = doubles(sumSquaredError)[0] / longs(count)[0];
        return squared ? mse : Math.sqrt(mse);
    }
}
