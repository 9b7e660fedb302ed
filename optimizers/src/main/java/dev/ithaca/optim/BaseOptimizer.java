package dev.ithaca.optim;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.nn.Parameter;
import dev.ithaca.spi.OptimizerUpdate;
import dev.ithaca.spi.Strided;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Optimizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What every optimizer shares, modelled on PyTorch's {@code torch.optim.Optimizer}: parameter
 * groups with per-group hyperparameters, per-parameter state created on a parameter's first
 * update, and a state dict of plain data with parameters referred to by integer position. A
 * subclass supplies its defaults, a validator (PyTorch's checks) and {@link #update}, which turns
 * a group's options into one fused {@link OptimizerUpdate} per parameter.
 *
 * <p>The state dict has PyTorch's layout:
 * <pre>{@code
 * {"state":        {0: {"step": 3L, "exp_avg": Tensor, "exp_avg_sq": Tensor}, 1: {...}},
 *  "param_groups": [{"lr": 0.001, "betas": [0.9, 0.999], ..., "params": [0, 1]}]}
 * }</pre>
 * Ids number the parameters of all groups in order. Steps are {@code Long}s, options are
 * {@code Double}s, {@code Boolean}s and two-element lists; the tensors are copies the caller owns
 * (freed with the caller's {@link dev.ithaca.memory.Scope}, or by closing them), so the dict is a
 * snapshot that later steps do not change. {@link #loadStateDict} accepts the same data after a
 * JSON round trip (string ids, integral doubles) and PyTorch-style one-element step tensors.
 *
 * <p>State tensors belong to the optimizer, never to a scope; {@link #close()} frees them.
 */
public abstract class BaseOptimizer implements Optimizer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BaseOptimizer.class);

    private final String name;
    private final Map<String, Object> defaults;
    private final Consumer<ParamGroup> validator;
    private final List<ParamGroup> groups = new ArrayList<>();
    private final Map<Parameter, ParamState> state = new IdentityHashMap<>();
    private boolean closed;

    /**
     * @param name      the algorithm's name, used in messages ({@code "Adam"})
     * @param options   every option with its value for the first group; later groups' defaults
     * @param params    the first group's parameters (at least one)
     * @param validator throws {@link IllegalArgumentException} for invalid options (PyTorch's checks)
     */
    protected BaseOptimizer(String name, Map<String, Object> options, List<? extends Parameter> params, Consumer<ParamGroup> validator) {
        this.name = Objects.requireNonNull(name, "name");
        this.validator = Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(params, "params");
        validator.accept(new ParamGroup(List.of(), options));
        this.defaults = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        if (params.isEmpty()) {
            throw new IllegalArgumentException(name + ": optimizer got an empty parameter list");
        }
        addParamGroup(params, Map.of());
    }

    /**
     * Applies this algorithm to one parameter that has a gradient; called by {@link #step()} with
     * gradient recording off. Implementations build the update from {@code group}'s options and
     * hand it to {@link #apply}.
     */
    protected abstract void update(ParamGroup group, Parameter param, Tensor grad);

    /**
     * Called for each parameter of a group when the group is added (for the first group, from this
     * class's constructor, before subclass fields are set). PyTorch's Adagrad creates its state here;
     * the default does nothing, leaving state to be created on first update.
     */
    protected void initState(ParamGroup group, Parameter param) {
    }

    /** The state of {@code param}, created empty on first use. */
    protected final ParamState state(Parameter param) {
        return state.computeIfAbsent(param, ParamState::new);
    }

    /** Runs {@code update} on the parameter's backend and marks every written tensor as changed. */
    protected static void apply(OptimizerUpdate update, Parameter param, Tensor grad, Tensor... stateTensors) {
        if (grad.backend() != param.backend()) {
            throw new IllegalArgumentException("gradient of parameter '" + param.name() + "' is on " + grad.device()
                    + ", the parameter on " + param.device());
        }
        Strided[] views = new Strided[stateTensors.length];
        for (int i = 0; i < stateTensors.length; i++) {
            views[i] = stateTensors[i].strided();
        }
        Strided target = param.strided();
        param.backend().optimizerStep(update, target, grad.strided(), views);
        target.storage().bumpVersion();
        for (Strided view : views) {
            view.storage().bumpVersion();
        }
    }

    /** The algorithm's name ({@code "Adam"}). */
    public final String name() {
        return name;
    }

    /** The options new groups start from (PyTorch's {@code defaults}). */
    public final Map<String, Object> defaults() {
        return defaults;
    }

    // ---- groups ------------------------------------------------------------------------------------

    /** Adds a group with the default options. */
    public final void addParamGroup(List<? extends Parameter> params) {
        addParamGroup(params, Map.of());
    }

    /**
     * Adds a group whose options are the defaults with {@code overrides} applied. Keys are PyTorch's
     * names or their camelCase forms ({@code "weight_decay"} or {@code "weightDecay"}); unknown keys,
     * invalid values and parameters already in a group are rejected.
     */
    public final void addParamGroup(List<? extends Parameter> params, Map<String, ?> overrides) {
        checkOpen("addParamGroup");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(overrides, "overrides");
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        groups.forEach(g -> seen.addAll(g.params()));
        for (Parameter p : params) {
            if (p == null) {
                throw new IllegalArgumentException(name + ": parameter list contains null");
            }
            if (p.isClosed()) {
                throw new IllegalArgumentException(name + ": parameter '" + p.name() + "' was already closed");
            }
            if (!seen.add(p)) {
                throw new IllegalArgumentException(name + ": some parameters appear in more than one parameter group"
                        + " (or twice in one): '" + p.name() + "'");
            }
        }
        ParamGroup group = new ParamGroup(new ArrayList<>(params), Options.merge(name, defaults, overrides, null));
        validator.accept(group);
        groups.add(group);
        for (Parameter p : group.params()) {
            initState(group, p);
        }
    }

    /** The groups, in order (read-only views that reflect later option changes). */
    public final List<ParamGroup> paramGroups() {
        return Collections.unmodifiableList(groups);
    }

    public final ParamGroup paramGroup(int index) {
        if (index < 0 || index >= groups.size()) {
            throw new IndexOutOfBoundsException(name + ": no parameter group " + index + "; there are " + groups.size());
        }
        return groups.get(index);
    }

    /** Sets one option of one group (PyTorch's {@code optimizer.param_groups[i][key] = value}), validated. */
    public final void setOption(int group, String key, Object value) {
        checkOpen("setOption");
        Objects.requireNonNull(key, "key");
        ParamGroup target = paramGroup(group);
        Map<String, Object> merged = Options.merge(name, target.optionsCopy(), Collections.singletonMap(key, value), null);
        validator.accept(target.withOptions(merged));
        String canonical = Options.canonical(key);
        target.set(canonical, merged.get(canonical));
    }

    @Override
    public final int groupCount() {
        return groups.size();
    }

    @Override
    public final double learningRate(int group) {
        return paramGroup(group).lr();
    }

    @Override
    public final void setLearningRate(int group, double lr) {
        checkOpen("setLearningRate");
        if (!Double.isFinite(lr)) {
            throw new IllegalArgumentException(name + ": learning rate of group " + group + " must be finite, got " + lr);
        }
        // like PyTorch's param-group writes, no range check: schedulers may legitimately go below 0
        // (OneCycleLR's linear anneal on its last allowed step); builders still reject lr < 0
        paramGroup(group).set("lr", lr);
    }

    // ---- stepping ------------------------------------------------------------------------------------

    /** Updates every parameter that has a gradient; the others, and their state, are left alone. */
    @Override
    public final void step() {
        checkOpen("step");
        try (NoGrad ignored = NoGrad.enter()) {
            for (ParamGroup group : groups) {
                for (Parameter p : group.params()) {
                    Tensor grad = p.grad();
                    if (grad != null) {
                        update(group, p, grad);
                    }
                }
            }
        }
    }

    @Override
    public final void zeroGrad() {
        checkOpen("zeroGrad");
        for (ParamGroup group : groups) {
            for (Parameter p : group.params()) {
                if (!p.isClosed()) {
                    p.zeroGrad();
                }
            }
        }
    }

    // ---- state dict ----------------------------------------------------------------------------------

    @Override
    public final Map<String, Object> stateDict() {
        checkOpen("stateDict");
        return StateDicts.pack(groups, state);
    }

    /**
     * Restores a {@link #stateDict()} taken from an optimizer of the same kind over parameters of the
     * same shapes, grouped alike: group options, step counts and state tensors (copied, converted to
     * each parameter's dtype and backend). Everything is checked before anything changes. Options
     * this optimizer does not have (PyTorch's {@code foreach}, {@code fused}, ...) are ignored with a
     * warning; options the dict lacks keep their current values.
     */
    @Override
    public final void loadStateDict(Map<String, ?> stateDict) {
        checkOpen("loadStateDict");
        Objects.requireNonNull(stateDict, "stateDict");
        StateDicts.Loaded loaded = StateDicts.unpack(name, stateDict, groups, validator);
        state.values().forEach(ParamState::close);
        state.clear();
        state.putAll(loaded.state());
        for (int i = 0; i < groups.size(); i++) {
            loaded.options().get(i).forEach(groups.get(i)::set);
        }
        if (!loaded.ignored().isEmpty()) {
            LOG.warn("{}: ignored options it does not have: {}", name, loaded.ignored());
        }
    }

    // ---- lifecycle -----------------------------------------------------------------------------------

    /** Frees the state tensors; the optimizer cannot be used afterwards. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            state.values().forEach(ParamState::close);
            state.clear();
        }
    }

    private void checkOpen(String op) {
        if (closed) {
            throw new IllegalStateException(name + "." + op + ": the optimizer was closed");
        }
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(name).append(" (");
        for (int i = 0; i < groups.size(); i++) {
            ParamGroup g = groups.get(i);
            out.append(i == 0 ? "" : "; ").append("group ").append(i).append(": ").append(g.params().size())
                    .append(" params ").append(g.options());
        }
        return out.append(')').toString();
    }
}
