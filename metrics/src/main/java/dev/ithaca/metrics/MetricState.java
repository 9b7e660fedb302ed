package dev.ithaca.metrics;

import dev.ithaca.tensor.DType;

import java.util.Arrays;

/**
 * One declared piece of a metric's state: a name, an element type, a fixed shape and a
 * reduction. Obtained from {@link StatefulMetric#addState}; the value itself lives in the metric.
 */
public final class MetricState {
    private final String name;
    private final DType dtype;
    private final StateReduction reduction;
    private final long[] shape;

    MetricState(String name, DType dtype, StateReduction reduction, long[] shape) {
        this.name = name;
        this.dtype = dtype;
        this.reduction = reduction;
        this.shape = shape.clone();
    }

    public String name() {
        return name;
    }

    public DType dtype() {
        return dtype;
    }

    public StateReduction reduction() {
        return reduction;
    }

    public long[] shape() {
        return shape.clone();
    }

    int numel() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return Math.toIntExact(n);
    }

    @Override
    public String toString() {
        return name + ": " + dtype + Arrays.toString(shape) + " (" + reduction + ")";
    }
}
