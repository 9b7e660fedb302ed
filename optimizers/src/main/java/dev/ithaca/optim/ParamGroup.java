package dev.ithaca.optim;

import dev.ithaca.nn.Parameter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parameter group: parameters that share hyperparameters, as PyTorch's {@code param_groups}
 * entries. Options use PyTorch's names ({@code lr}, {@code weight_decay}, {@code betas}, ...) plus
 * {@code flush_denormals}. Read-only to users: change options through
 * {@link BaseOptimizer#setOption} (or {@code setLearningRate}), which validates them.
 */
public final class ParamGroup {
    private final List<Parameter> params;
    private final Map<String, Object> options;

    ParamGroup(List<Parameter> params, Map<String, Object> options) {
        this.params = List.copyOf(params);
        this.options = new LinkedHashMap<>(options);
    }

    /** The group's parameters, in the order given. */
    public List<Parameter> params() {
        return params;
    }

    /** Every option by its PyTorch name (doubles, booleans, and pairs as two-element lists). */
    public Map<String, Object> options() {
        return Collections.unmodifiableMap(options);
    }

    public double lr() {
        return getDouble("lr");
    }

    public double getDouble(String key) {
        return (Double) option(key);
    }

    public boolean getBoolean(String key) {
        return (Boolean) option(key);
    }

    /** Element {@code index} of a pair option such as {@code betas}. */
    public double getDouble(String key, int index) {
        return (Double) ((List<?>) option(key)).get(index);
    }

    private Object option(String key) {
        Object value = options.get(key);
        if (value == null) {
            throw new IllegalArgumentException("parameter group has no option '" + key + "'; it has " + options.keySet());
        }
        return value;
    }

    /** A copy with other options (same parameters). */
    ParamGroup withOptions(Map<String, Object> newOptions) {
        return new ParamGroup(params, newOptions);
    }

    Map<String, Object> optionsCopy() {
        return new LinkedHashMap<>(options);
    }

    void set(String key, Object value) {
        options.put(key, value);
    }

    @Override
    public String toString() {
        return "ParamGroup(" + params.size() + " params, " + options + ")";
    }
}
