package dev.ithaca.metrics;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.memory.Scope;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Metric;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The torchmetrics pattern: a metric declares its state once with {@link #addState}, and
 * {@link #reset}, {@link #merge}, {@link #stateDict} and {@link #loadStateDict} follow mechanically.
 * A subclass writes only {@link #accumulateBatch} (turning a batch into contributions passed to
 * {@link #accumulate}) and {@link #compute}.
 *
 * <p>State tensors live on the backend of the inputs (they move there if a batch arrives from
 * another one) and belong to the metric, not to any {@link Scope}: the work of one update runs in
 * its own scope, with autograd off, so only the new state survives it. A state that was never
 * updated holds the identity of its reduction and allocates nothing.
 *
 * @param <R> what {@link #compute} returns
 */
public abstract class StatefulMetric<R> implements Metric<R> {
    private final String metricName;
    private final Map<String, MetricState> declared = new LinkedHashMap<>();
    private final Map<MetricState, Tensor> values = new LinkedHashMap<>();
    private Backend backend;

    protected StatefulMetric(String metricName) {
        this.metricName = Objects.requireNonNull(metricName, "metricName");
    }

    /** The name used in error messages, e.g. {@code "Accuracy"}. */
    public final String metricName() {
        return metricName;
    }

    /**
     * Declares a state. INT64 states count exactly; FLOAT64 states keep sums precise and round-trip
     * bit for bit through {@link #stateDict}. MIN and MAX need FLOAT64 (their identities are infinite).
     */
    protected final MetricState addState(String name, DType dtype, StateReduction reduction, long... shape) {
        Objects.requireNonNull(name, "name");
        if (declared.containsKey(name)) {
            throw new IllegalArgumentException(metricName + ": state '" + name + "' is declared twice");
        }
        if (dtype != DType.INT64 && dtype != DType.FLOAT64) {
            throw new IllegalArgumentException(metricName + ": state '" + name + "' must be INT64 or FLOAT64, got " + dtype);
        }
        if (reduction != StateReduction.SUM && dtype != DType.FLOAT64) {
            throw new IllegalArgumentException(metricName + ": state '" + name + "' with reduction " + reduction
                    + " must be FLOAT64, got " + dtype);
        }
        MetricState state = new MetricState(name, dtype, reduction, shape);
        declared.put(name, state);
        return state;
    }

    /** Adds one batch. Runs on the predictions' backend without autograd; intermediates are freed. */
    @Override
    public final void update(Tensor predictions, Tensor targets) {
        Objects.requireNonNull(predictions, () -> metricName + ": predictions must not be null");
        Backend target = predictions.backend();
        if (targets != null && targets.backend() != target) {
            throw new IllegalArgumentException(metricName + ": predictions " + predictions.describe() + " and targets "
                    + targets.describe() + " are on different devices");
        }
        try (Backends.Use use = Backends.use(target); NoGrad noGrad = NoGrad.enter(); Scope scope = Scope.open()) {
            moveTo(target);
            accumulateBatch(predictions, targets);
        }
    }

    /** Turns one batch into contributions, each handed to {@link #accumulate}. */
    protected abstract void accumulateBatch(Tensor predictions, Tensor targets);

    /** The settings two metrics must share to be merged (a record, compared with equals). */
    protected abstract Object config();

    /**
     * Combines {@code contribution} (the state's shape, any numeric dtype) into the state with the
     * state's reduction. Called from {@link #accumulateBatch}.
     */
    protected final void accumulate(MetricState state, Tensor contribution) {
        checkDeclared(state);
        if (!Arrays.equals(contribution.shape(), state.shape())) {
            throw new IllegalStateException(metricName + ": contribution " + contribution.describe() + " to state "
                    + state + " has the wrong shape");
        }
        Tensor current = values.get(state);
        Tensor next;
        try (Tensor converted = contribution.to(state.dtype())) {
            if (current == null) {
                try (Tensor identity = Tensor.full(state.dtype(), state.reduction().identity(), state.shape())) {
                    next = state.reduction().apply(identity, converted);
                }
            } else {
                next = state.reduction().apply(current, converted);
            }
        }
        Scope.untrack(next);
        if (current != null) {
            current.close();
        }
        values.put(state, next);
        backend = next.backend();
    }

    /** The state's values, row-major, as exact integers (the identity when never updated). */
    protected final long[] longs(MetricState state) {
        checkDeclared(state);
        Tensor value = values.get(state);
        if (value == null) {
            long[] out = new long[state.numel()];
            Arrays.fill(out, (long) state.reduction().identity());
            return out;
        }
        return value.toLongArray();
    }

    /** The state's values, row-major, as doubles (the identity when never updated). */
    protected final double[] doubles(MetricState state) {
        checkDeclared(state);
        Tensor value = values.get(state);
        if (value == null) {
            double[] out = new double[state.numel()];
            Arrays.fill(out, state.reduction().identity());
            return out;
        }
        return value.toDoubleArray();
    }

    /** Where the state lives: the backend of the last update, merge or load, else this thread's current one. */
    protected final Backend stateBackend() {
        return backend != null ? backend : Backends.current();
    }

    /** True until the first update, merge or load since construction or {@link #reset}. */
    protected final boolean isPristine() {
        return values.isEmpty();
    }

    /** Fails when the configuration is changed after state was accumulated with the old one. */
    protected final void checkConfigurable(String option) {
        if (!isPristine()) {
            throw new IllegalStateException(metricName + ": " + option + " can only be changed before the first update"
                    + " (or after reset()), since the accumulated state was computed with the old setting");
        }
    }

    @Override
    public void reset() {
        values.values().forEach(Tensor::close);
        values.clear();
        backend = null;
    }

    @Override
    public void merge(Metric<R> other) {
        Objects.requireNonNull(other, () -> metricName + ": merge needs another metric, got null");
        if (other == this) {
            throw new IllegalArgumentException(metricName + ": cannot merge a metric into itself");
        }
        if (other.getClass() != getClass()) {
            throw new IllegalArgumentException(metricName + ": cannot merge a " + other.getClass().getSimpleName());
        }
        StatefulMetric<R> that = (StatefulMetric<R>) other;
        if (!config().equals(that.config())) {
            throw new IllegalArgumentException(metricName + ": cannot merge metrics with different settings: "
                    + config() + " vs " + that.config());
        }
        if (that.values.isEmpty()) {
            return;
        }
        Backend target = backend != null ? backend : that.backend;
        try (Backends.Use use = Backends.use(target); NoGrad noGrad = NoGrad.enter(); Scope scope = Scope.open()) {
            for (Map.Entry<MetricState, Tensor> e : that.values.entrySet()) {
                Tensor theirs = e.getValue();
                accumulate(declared.get(e.getKey().name()), theirs.backend() == target ? theirs : theirs.to(target));
            }
        }
    }

    /**
     * Each state by name: a {@code Long} or {@code Double} for a scalar state, else a flat
     * row-major {@code List} of them (the shape is fixed by the metric's settings).
     */
    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (MetricState state : declared.values()) {
            List<Object> flat = new ArrayList<>();
            if (state.dtype() == DType.INT64) {
                for (long v : longs(state)) {
                    flat.add(v);
                }
            } else {
                for (double v : doubles(state)) {
                    flat.add(v);
                }
            }
            out.put(state.name(), state.shape().length == 0 ? flat.get(0) : List.copyOf(flat));
        }
        return out;
    }

    /** Restores what {@link #stateDict} produced; every declared state must be present and the right size. */
    @Override
    public void loadStateDict(Map<String, ?> state) {
        Objects.requireNonNull(state, () -> metricName + ": loadStateDict needs a map, got null");
        TreeSet<String> missing = new TreeSet<>(declared.keySet());
        missing.removeAll(state.keySet());
        TreeSet<String> unexpected = new TreeSet<>(state.keySet());
        unexpected.removeAll(declared.keySet());
        unexpected.removeAll(extraStateKeys());
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException(metricName + ": state dict keys do not match; missing " + missing
                    + ", unexpected " + unexpected);
        }
        Map<MetricState, Object> parsed = new LinkedHashMap<>();
        for (MetricState s : declared.values()) {
            parsed.put(s, parse(s, state.get(s.name())));
        }
        Backend target = backend != null ? backend : Backends.current();
        reset();
        try (Backends.Use use = Backends.use(target)) {
            for (Map.Entry<MetricState, Object> e : parsed.entrySet()) {
                // Tensor.of reads an empty shape as "1-D", so build flat and view it in the declared shape
                Tensor flat = e.getValue() instanceof long[] l ? Tensor.of(l) : Tensor.of((double[]) e.getValue());
                Tensor t = flat.reshape(e.getKey().shape());
                flat.close();
                Scope.untrack(flat);
                Scope.untrack(t);
                values.put(e.getKey(), t);
            }
        }
        backend = target;
    }

    /** Keys a subclass adds to {@link #stateDict} beyond the declared states. */
    protected List<String> extraStateKeys() {
        return List.of();
    }

    private Object parse(MetricState s, Object raw) {
        List<?> items;
        if (s.shape().length == 0) {
            items = raw instanceof List<?> l ? l : java.util.Collections.singletonList(raw);
        } else if (raw instanceof List<?> l) {
            items = l;
        } else {
            throw new IllegalArgumentException(metricName + ": state '" + s.name() + "' must be a list of "
                    + s.numel() + " numbers, got " + raw);
        }
        if (items.size() != s.numel()) {
            throw new IllegalArgumentException(metricName + ": state '" + s.name() + "' needs " + s.numel()
                    + " values for shape " + Arrays.toString(s.shape()) + ", got " + items.size());
        }
        if (s.dtype() == DType.INT64) {
            long[] out = new long[items.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = exactLong(s, items.get(i));
            }
            return out;
        }
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(items.get(i) instanceof Number n)) {
                throw new IllegalArgumentException(metricName + ": state '" + s.name() + "' holds a non-number " + items.get(i));
            }
            out[i] = n.doubleValue();
        }
        return out;
    }

    private long exactLong(MetricState s, Object item) {
        if (item instanceof Long || item instanceof Integer || item instanceof Short || item instanceof Byte) {
            return ((Number) item).longValue();
        }
        if (item instanceof BigInteger b) {
            return b.longValueExact();
        }
        if (item instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 0x1p53) {
            return n.longValue();
        }
        throw new IllegalArgumentException(metricName + ": state '" + s.name() + "' needs whole numbers, got " + item);
    }

    private void moveTo(Backend target) {
        if (backend == null || backend == target) {
            return;
        }
        for (Map.Entry<MetricState, Tensor> e : values.entrySet()) {
            Tensor moved = e.getValue().to(target);
            Scope.untrack(moved);
            e.getValue().close();
            e.setValue(moved);
        }
        backend = target;
    }

    private void checkDeclared(MetricState state) {
        if (declared.get(state.name()) != state) {
            throw new IllegalArgumentException(metricName + ": state " + state + " was not declared by this metric");
        }
    }
}
