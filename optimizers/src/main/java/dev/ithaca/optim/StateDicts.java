package dev.ithaca.optim;

import dev.ithaca.memory.Scope;
import dev.ithaca.nn.Parameter;
import dev.ithaca.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * PyTorch's optimizer state-dict layout: packing groups and per-parameter state into plain data
 * with parameters numbered across groups, and reading such data back, checked completely before
 * anything is handed over (see {@link BaseOptimizer} for the layout).
 */
final class StateDicts {
    /** A checked state dict, ready to replace an optimizer's options and state. */
    record Loaded(List<Map<String, Object>> options, Map<Parameter, ParamState> state, Set<String> ignored) {
    }

    private final String optimizer;

    private StateDicts(String optimizer) {
        this.optimizer = optimizer;
    }

    /** The state dict of {@code groups} and {@code state}; tensors are copies. */
    static Map<String, Object> pack(List<ParamGroup> groups, Map<Parameter, ParamState> state) {
        Map<Integer, Map<String, Object>> packedState = new LinkedHashMap<>();
        List<Map<String, Object>> packedGroups = new ArrayList<>();
        int id = 0;
        for (ParamGroup group : groups) {
            List<Integer> ids = new ArrayList<>();
            for (Parameter p : group.params()) {
                ParamState s = state.get(p);
                if (s != null && !s.isEmpty()) {
                    packedState.put(id, s.toStateDict());
                }
                ids.add(id++);
            }
            Map<String, Object> packed = group.optionsCopy();
            packed.put("params", List.copyOf(ids));
            packedGroups.add(packed);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", packedState);
        out.put("param_groups", packedGroups);
        return out;
    }

    /**
     * Reads {@code dict} against the optimizer's current {@code groups}: group sizes must match,
     * options are merged into the current ones and validated, state tensors are copied to their
     * parameter's backend and dtype. On failure nothing is kept.
     */
    static Loaded unpack(String optimizer, Map<String, ?> dict, List<ParamGroup> groups, Consumer<ParamGroup> validator) {
        return new StateDicts(optimizer).read(dict, groups, validator);
    }

    private Loaded read(Map<String, ?> dict, List<ParamGroup> groups, Consumer<ParamGroup> validator) {
        List<?> savedGroups = asList(dict.get("param_groups"), "param_groups");
        Map<?, ?> savedState = asMap(dict.get("state"), "state");
        if (savedGroups.size() != groups.size()) {
            throw new IllegalArgumentException(optimizer + ": loaded state dict has a different number of parameter groups: "
                    + savedGroups.size() + ", this optimizer has " + groups.size());
        }
        List<Map<String, Object>> options = new ArrayList<>();
        Map<Long, Parameter> byId = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            String where = "param_groups[" + i + "]";
            Map<?, ?> saved = asMap(savedGroups.get(i), where);
            List<?> ids = asList(saved.get("params"), where + ".params");
            ParamGroup own = groups.get(i);
            if (ids.size() != own.params().size()) {
                throw new IllegalArgumentException(optimizer + ": loaded state dict contains a parameter group that doesn't match"
                        + " the size of optimizer's group: " + where + " has " + ids.size() + " parameters, this optimizer's group "
                        + i + " has " + own.params().size());
            }
            for (int j = 0; j < ids.size(); j++) {
                byId.put(toIndex(ids.get(j), where + ".params[" + j + "]"), own.params().get(j));
            }
            Map<String, Object> savedOptions = new LinkedHashMap<>();
            saved.forEach((k, v) -> {
                if (!"params".equals(k)) {
                    savedOptions.put(String.valueOf(k), v);
                }
            });
            Map<String, Object> merged = Options.merge(optimizer, own.optionsCopy(), savedOptions, unknown);
            validator.accept(own.withOptions(merged));
            options.add(merged);
        }
        Map<Parameter, ParamState> restored = new IdentityHashMap<>();
        try {
            for (Map.Entry<?, ?> entry : savedState.entrySet()) {
                long id = toIndex(entry.getKey(), "state key");
                Parameter p = byId.get(id);
                if (p == null) {
                    throw new IllegalArgumentException(optimizer + ": loaded state dict has state for parameter id " + id
                            + ", which no parameter group lists");
                }
                restored.put(p, restore(p, asMap(entry.getValue(), "state[" + id + "]"), id));
            }
        } catch (RuntimeException e) {
            restored.values().forEach(ParamState::close);
            throw e;
        }
        return new Loaded(options, restored, new LinkedHashSet<>(unknown));
    }

    private ParamState restore(Parameter p, Map<?, ?> saved, long id) {
        ParamState s = new ParamState(p);
        try {
            for (Map.Entry<?, ?> entry : saved.entrySet()) {
                String key = String.valueOf(entry.getKey());
                Object value = entry.getValue();
                if ("step".equals(key)) {
                    s.setStep(toStep(value, id));
                } else if (value instanceof Tensor t) {
                    if (!Arrays.equals(t.shape(), p.shape())) {
                        throw new IllegalArgumentException(optimizer + ": state[" + id + "]." + key + " has shape "
                                + Arrays.toString(t.shape()) + ", parameter '" + p.name() + "' has " + Arrays.toString(p.shape()));
                    }
                    s.put(key, ownedCopy(t, p));
                } else {
                    throw new IllegalArgumentException(optimizer + ": state[" + id + "]." + key + " must be a tensor, got " + value);
                }
            }
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** A contiguous copy of {@code source} on {@code like}'s backend and dtype, owned by no scope. */
    private static Tensor ownedCopy(Tensor source, Parameter like) {
        try (Scope scope = Scope.open()) {
            Tensor copy = source.to(like.backend()).to(like.dtype()).clone();
            Scope.untrack(copy);
            return copy;
        }
    }

    /** A step count: a whole number, or a PyTorch-style one-element tensor holding one. */
    private long toStep(Object value, long id) {
        if (value instanceof Tensor t && t.numel() == 1) {
            value = t.item();
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= 0) {
            return n.longValue();
        }
        throw new IllegalArgumentException(optimizer + ": state[" + id + "].step must be a whole number >= 0, got " + value);
    }

    /** A parameter id: an integer, an integral double or a numeric string (JSON object keys). */
    private long toIndex(Object key, String where) {
        if (key instanceof Integer || key instanceof Long) {
            return ((Number) key).longValue();
        }
        if (key instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        if (key instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(optimizer + ": " + where + " must be an integer parameter id, got '" + text + "'", e);
            }
        }
        throw new IllegalArgumentException(optimizer + ": " + where + " must be an integer parameter id, got " + key);
    }

    private List<?> asList(Object value, String what) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException(optimizer + ": state dict entry '" + what + "' must be a list, got " + value);
    }

    private Map<?, ?> asMap(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException(optimizer + ": state dict entry '" + what + "' must be a map, got " + value);
    }
}
