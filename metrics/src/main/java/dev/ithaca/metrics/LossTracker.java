package dev.ithaca.metrics;

import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Metric;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Running statistics of a loss (torchmetrics {@code MeanMetric} plus count, min and max): every
 * element of an update is one value; {@code update(values, weights)} weights them (e.g. by batch
 * size), {@code weights} may be null. {@link #compute()} is the weighted mean; with nothing seen,
 * mean, min and max are NaN.
 *
 * <p>The totals stay on the device. A tracker made with {@link #withWindow} also keeps the last
 * {@code size} values on the host for {@link #windowMean()}, which reads each update back (one
 * device sync per update). Merging appends the other tracker's window after this one's, as if its
 * updates came later, and keeps the last {@code size}.
 */
public final class LossTracker extends StatefulMetric<Double> {
    private static final String WINDOW_VALUES = "windowValues";
    private static final String WINDOW_WEIGHTS = "windowWeights";

    private final int windowSize;
    private final Deque<double[]> window = new ArrayDeque<>();
    private final MetricState weightedSum = addState("weightedSum", DType.FLOAT64, StateReduction.SUM);
    private final MetricState totalWeight = addState("totalWeight", DType.FLOAT64, StateReduction.SUM);
    private final MetricState count = addState("count", DType.INT64, StateReduction.SUM);
    private final MetricState min = addState("min", DType.FLOAT64, StateReduction.MIN);
    private final MetricState max = addState("max", DType.FLOAT64, StateReduction.MAX);

    public LossTracker() {
        this(0);
    }

    private LossTracker(int windowSize) {
        super("LossTracker");
        this.windowSize = windowSize;
    }

    /** Also tracks the mean of the last {@code size} values. */
    public static LossTracker withWindow(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("LossTracker: window size must be at least 1, got " + size);
        }
        return new LossTracker(size);
    }

    /** Adds one value with weight 1. */
    public void update(double loss) {
        try (Backends.Use use = Backends.use(stateBackend()); Tensor t = Tensor.scalar(loss, DType.FLOAT64)) {
            update(t, null);
        }
    }

    /** Adds every element of {@code loss} (usually a 0-dim loss) with weight 1. */
    public void update(Tensor loss) {
        update(loss, null);
    }

    @Override
    protected void accumulateBatch(Tensor values, Tensor weights) {
        if (values.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("LossTracker: values must be numeric, got " + values.describe());
        }
        if (weights != null && (weights.dtype() == DType.BOOL || weights.numel() != values.numel())) {
            throw new IllegalArgumentException("LossTracker: weights " + weights.describe() + " must be numeric with one weight per value "
                    + values.describe());
        }
        if (values.numel() == 0) {
            return;
        }
        Tensor v = values.to(DType.FLOAT64).reshape(-1);
        Tensor w = weights == null ? Tensor.ones(DType.FLOAT64, v.shape()) : weights.to(DType.FLOAT64).reshape(-1);
        accumulate(weightedSum, v.mul(w).sum());
        accumulate(totalWeight, w.sum());
        accumulate(count, Tensor.scalar(v.numel(), DType.INT64));
        accumulate(min, v.min());
        accumulate(max, v.max());
        if (windowSize > 0) {
            double[] hostValues = v.toDoubleArray();
            double[] hostWeights = w.toDoubleArray();
            for (int i = 0; i < hostValues.length; i++) {
                push(hostValues[i], hostWeights[i]);
            }
        }
    }

    private void push(double value, double weight) {
        window.addLast(new double[] {value, weight});
        while (window.size() > windowSize) {
            window.removeFirst();
        }
    }

    @Override
    protected Object config() {
        return windowSize;
    }

    /** The weighted mean of every value since the last reset. */
    @Override
    public Double compute() {
        return doubles(weightedSum)[0] / doubles(totalWeight)[0];
    }

    /** How many values were seen. */
    public long count() {
        return longs(count)[0];
    }

    public double min() {
        return count() == 0 ? Double.NaN : doubles(min)[0];
    }

    public double max() {
        return count() == 0 ? Double.NaN : doubles(max)[0];
    }

    /** The weighted mean of the last {@code size} values (NaN when empty). */
    public double windowMean() {
        if (windowSize == 0) {
            throw new IllegalStateException("LossTracker: no moving window; create it with LossTracker.withWindow(size)");
        }
        double num = 0;
        double den = 0;
        for (double[] e : window) {
            num += e[0] * e[1];
            den += e[1];
        }
        return num / den;
    }

    public int windowSize() {
        return windowSize;
    }

    @Override
    public void reset() {
        super.reset();
        window.clear();
    }

    @Override
    public void merge(Metric<Double> other) {
        super.merge(other);
        for (double[] e : ((LossTracker) other).window) {
            push(e[0], e[1]);
        }
    }

    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> out = super.stateDict();
        if (windowSize > 0) {
            List<Double> values = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            for (double[] e : window) {
                values.add(e[0]);
                weights.add(e[1]);
            }
            out.put(WINDOW_VALUES, List.copyOf(values));
            out.put(WINDOW_WEIGHTS, List.copyOf(weights));
        }
        return out;
    }

    @Override
    public void loadStateDict(Map<String, ?> state) {
        List<Double> values = List.of();
        List<Double> weights = List.of();
        if (windowSize > 0) {
            values = numbers(state.get(WINDOW_VALUES), WINDOW_VALUES);
            weights = numbers(state.get(WINDOW_WEIGHTS), WINDOW_WEIGHTS);
            if (values.size() != weights.size() || values.size() > windowSize) {
                throw new IllegalArgumentException("LossTracker: window of " + values.size() + " values and " + weights.size()
                        + " weights does not fit window size " + windowSize);
            }
        }
        super.loadStateDict(state);
        window.clear();
        for (int i = 0; i < values.size(); i++) {
            push(values.get(i), weights.get(i));
        }
    }

    @Override
    protected List<String> extraStateKeys() {
        return windowSize > 0 ? List.of(WINDOW_VALUES, WINDOW_WEIGHTS) : List.of();
    }

    private static List<Double> numbers(Object raw, String key) {
        if (!(raw instanceof List<?> list)) {
            throw new IllegalArgumentException("LossTracker: state '" + key + "' must be a list of numbers, got " + raw);
        }
        List<Double> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Number n)) {
                throw new IllegalArgumentException("LossTracker: state '" + key + "' holds a non-number " + o);
            }
            out.add(n.doubleValue());
        }
        return out;
    }
}
