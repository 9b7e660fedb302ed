package dev.ithaca.optim;

import dev.ithaca.nn.Parameter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Builds an optimizer from PyTorch's arguments (camelCase); the options every algorithm has live
 * here, the algorithm's own in its builder. Values are checked when {@link #build} creates the
 * optimizer, with PyTorch's rules.
 *
 * @param <B> the concrete builder, so chained calls keep its type
 * @param <O> the optimizer it builds
 */
public abstract class OptimizerBuilder<B extends OptimizerBuilder<B, O>, O extends BaseOptimizer> {
    private final Map<String, Object> options;
    private final BiFunction<Map<String, Object>, List<? extends Parameter>, O> factory;

    /**
     * @param defaults every option of the algorithm with its PyTorch default
     * @param factory  creates the optimizer from the final options and the parameters
     */
    protected OptimizerBuilder(Map<String, Object> defaults, BiFunction<Map<String, Object>, List<? extends Parameter>, O> factory) {
        this.options = new LinkedHashMap<>(defaults);
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** Learning rate (>= 0). */
    public final B lr(double lr) {
        return set("lr", lr);
    }

    /** Weight decay (>= 0): an L2 term added to the gradient, or AdamW's decoupled decay. */
    public final B weightDecay(double weightDecay) {
        return set("weight_decay", weightDecay);
    }

    /** Maximizes the objective instead of minimizing it (PyTorch's {@code maximize}). */
    public final B maximize(boolean maximize) {
        return set("maximize", maximize);
    }

    /**
     * Stores optimizer state values below the dtype's smallest normal number as zero (default on).
     * Subnormal state slows CPU updates severalfold; this is the one deviation from bit-exact
     * PyTorch, and only in the subnormal range. Off gives PyTorch's values exactly there too.
     */
    public final B flushDenormals(boolean flushDenormals) {
        return set("flush_denormals", flushDenormals);
    }

    /** Creates the optimizer over {@code params} (one parameter group), checking every option. */
    public final O build(List<? extends Parameter> params) {
        return factory.apply(new LinkedHashMap<>(options), params);
    }

    /** Sets an option by its PyTorch name; for subclasses' typed setters. */
    protected final B set(String key, Object value) {
        if (!options.containsKey(key)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": unknown option '" + key + "'");
        }
        options.put(key, value);
        return self();
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
