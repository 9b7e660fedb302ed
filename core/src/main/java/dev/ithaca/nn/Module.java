package dev.ithaca.nn;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.io.LoadedTensors;
import dev.ithaca.io.SafeTensors;
import dev.ithaca.memory.Scope;
import dev.ithaca.random.Generator;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.BackendUnavailableException;
import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Device;
import dev.ithaca.tensor.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Base of every layer and model, as PyTorch's {@code nn.Module}: it holds parameters (trained),
 * buffers (state that is saved but not trained, such as BatchNorm's running statistics) and child
 * modules, each registered under a name in insertion order. Names compose into stable dotted paths
 * ({@code layers.0.weight}) used by {@link #namedParameters()}, {@link #stateDict()} and checkpoints.
 *
 * <p>Ownership: a module owns its parameters and buffers (they belong to no {@link Scope}) and frees
 * them in {@link #close()}. Subclasses look their tensors up by name on every forward, so
 * {@link #to(Backend)} and {@link #to(DType)} can replace them; call those before handing
 * {@link #parameters()} to an optimizer.
 */
public abstract class Module implements AutoCloseable {
    /** The metadata key under which {@link #save} records the module's class name. */
    public static final String CLASS_METADATA_KEY = "ithaca.module";

    private static final Logger LOG = LoggerFactory.getLogger(Module.class);

    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final Map<String, Generator> generators = new LinkedHashMap<>();
    private boolean training = true;
    private boolean closed;

    /** Computes this module's output; records autograd history when gradients are on. */
    public abstract Tensor forward(Tensor input);

    // ---- registration (for subclasses) -----------------------------------------------------------

    /** Registers an existing parameter (possibly shared with another module, for weight tying). */
    protected final Parameter registerParameter(String name, Parameter parameter) {
        Objects.requireNonNull(parameter, "parameter");
        checkNewName(name);
        parameters.put(name, parameter);
        return parameter;
    }

    /** Creates, registers and returns a zero-filled parameter on the current backend; initialize it in place. */
    protected final Parameter createParameter(String name, DType dtype, long... shape) {
        checkNewName(name);
        Tensor zeros = Tensor.zeros(dtype, shape);
        Parameter parameter = Parameter.of(name, zeros);
        zeros.close();
        parameters.put(name, parameter);
        return parameter;
    }

    /**
     * Registers {@code value} as a buffer and takes ownership of it: it leaves any open scope and
     * lives until this module is closed.
     */
    protected final Tensor registerBuffer(String name, Tensor value) {
        Objects.requireNonNull(value, "value");
        checkNewName(name);
        Scope.untrack(value);
        buffers.put(name, value);
        return value;
    }

    /** Registers a child module; its parameters appear under {@code name.}. */
    protected final <M extends Module> M registerModule(String name, M module) {
        Objects.requireNonNull(module, "module");
        if (module == this) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": a module cannot be its own child ('" + name + "')");
        }
        checkNewName(name);
        children.put(name, module);
        return module;
    }

    /**
     * Registers a random generator the module draws from while it runs (dropout masks), so its
     * position is saved by {@link #generatorStates()} and a resumed run draws the same masks.
     * Generators have their own namespace; one shared by several modules is listed once.
     */
    protected final Generator registerGenerator(String name, Generator generator) {
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(name, "name");
        if (generators.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": generator '" + name + "' is already registered");
        }
        generators.put(name, generator);
        return generator;
    }

    /** This module's own parameter called {@code name}. */
    protected final Parameter parameter(String name) {
        Parameter parameter = parameters.get(name);
        if (parameter == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " has no parameter '" + name + "'; it has "
                    + parameters.keySet());
        }
        return checkOpen(parameter);
    }

    /** This module's own buffer called {@code name}. */
    protected final Tensor buffer(String name) {
        Tensor buffer = buffers.get(name);
        if (buffer == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " has no buffer '" + name + "'; it has "
                    + buffers.keySet());
        }
        return checkOpen(buffer);
    }

    private void checkNewName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.contains(".")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": name '" + name
                    + "' must be non-blank and contain no '.' (dots separate the levels of dotted names)");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": name '" + name + "' is already registered");
        }
    }

    // ---- traversal -------------------------------------------------------------------------------

    /** Every parameter of this module and its descendants, each once (shared ones at their first name). */
    public final List<Parameter> parameters() {
        return List.copyOf(namedParameters().values());
    }

    /** Parameters under their dotted names, own first then each child's in registration order; shared ones once. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, Module> entry : namedModules().entrySet()) {
            String prefix = entry.getKey().isEmpty() ? "" : entry.getKey() + ".";
            entry.getValue().parameters.forEach((name, p) -> {
                if (seen.add(p)) {
                    out.put(prefix + name, p);
                }
            });
        }
        return Collections.unmodifiableMap(out);
    }

    /** Buffers under their dotted names, in the same order as parameters. */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Module> entry : namedModules().entrySet()) {
            String prefix = entry.getKey().isEmpty() ? "" : entry.getKey() + ".";
            entry.getValue().buffers.forEach((name, b) -> out.put(prefix + name, b));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Generators registered with {@link #registerGenerator} in this module and its descendants, each once, by dotted path. */
    public final Map<String, Generator> namedGenerators() {
        Map<String, Generator> out = new LinkedHashMap<>();
        Set<Generator> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, Module> entry : namedModules().entrySet()) {
            String prefix = entry.getKey().isEmpty() ? "" : entry.getKey() + ".";
            entry.getValue().generators.forEach((name, g) -> {
                if (seen.add(g)) {
                    out.put(prefix + name, g);
                }
            });
        }
        return Collections.unmodifiableMap(out);
    }

    /** Seed and position of every generator the module draws from at run time, as plain data for checkpoints. */
    public final Map<String, Object> generatorStates() {
        Map<String, Object> out = new LinkedHashMap<>();
        namedGenerators().forEach((path, g) -> out.put(path, g.stateDict()));
        return out;
    }

    /**
     * Restores {@link #generatorStates()}; every generator of this module must be present in
     * {@code states}, so a checkpoint from a different architecture is refused.
     */
    public final void loadGeneratorStates(Map<String, ?> states) {
        Objects.requireNonNull(states, "states");
        Map<String, Generator> own = namedGenerators();
        for (Map.Entry<String, Generator> entry : own.entrySet()) {
            Object state = states.get(entry.getKey());
            if (!(state instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": generator state for '" + entry.getKey()
                        + "' is missing or not a map (saved generators: " + states.keySet() + ", expected: " + own.keySet() + ")");
            }
            @SuppressWarnings("unchecked")
            Map<String, ?> typed = (Map<String, ?>) map;
            entry.getValue().loadStateDict(typed);
        }
    }

    /**
     * Reseeds every run-time generator from {@code seed}: each gets its own seed derived from
     * {@code seed} and its position in {@link #namedGenerators()}, so one seed fixes every dropout mask.
     */
    public final void manualSeed(long seed) {
        int index = 0;
        for (Generator generator : namedGenerators().values()) {
            generator.manualSeed(mix(seed + index++));
        }
    }

    /** SplitMix64's finalizer: neighbouring inputs give unrelated seeds. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Direct children in registration order. */
    public final List<Module> children() {
        return List.copyOf(children.values());
    }

    public final Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(children));
    }

    /** This module (under the name {@code ""}) and every descendant under its dotted path, each once, depth first. */
    public final Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        collectModules("", this, out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return Collections.unmodifiableMap(out);
    }

    private static void collectModules(String path, Module module, Map<String, Module> out, Set<Module> seen) {
        if (!seen.add(module)) {
            return;
        }
        out.put(path, module);
        module.children.forEach((name, child) -> collectModules(path.isEmpty() ? name : path + "." + name, child, out, seen));
    }

    /** Number of trainable values (each shared parameter counted once). */
    public final long parameterCount() {
        return parameters().stream().mapToLong(Tensor::numel).sum();
    }

    // ---- modes and gradients ---------------------------------------------------------------------

    /** Sets training mode on this module and every descendant (dropout active, batch statistics used). */
    public final Module train(boolean mode) {
        for (Module module : namedModules().values()) {
            module.training = mode;
        }
        return this;
    }

    public final Module train() {
        return train(true);
    }

    /** Evaluation mode: dropout is the identity and BatchNorm uses its running statistics. */
    public final Module eval() {
        return train(false);
    }

    public final boolean isTraining() {
        return training;
    }

    /** Drops every parameter's gradient (PyTorch's default {@code set_to_none=True}). */
    public final void zeroGrad() {
        parameters().forEach(Tensor::zeroGrad);
    }

    // ---- state ---------------------------------------------------------------------------------

    /**
     * Parameters and buffers under dotted names (own parameters, own buffers, then each child's), as
     * PyTorch's {@code state_dict()}. The values are the live tensors, not copies: do not close them,
     * and clone them to keep a snapshot across training steps.
     */
    public final Map<String, Tensor> stateDict() {
        checkNotClosed("stateDict");
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out);
        return out;
    }

    private void collectState(String prefix, Map<String, Tensor> out) {
        parameters.forEach((name, p) -> out.put(prefix + name, p));
        buffers.forEach((name, b) -> out.put(prefix + name, b));
        children.forEach((name, child) -> child.collectState(prefix + name + ".", out));
    }

    /**
     * Copies values from {@code state} into this module's parameters and buffers, in place and without
     * recording gradients (converting dtype and backend as needed).
     *
     * <p>Strict: any missing key, unexpected key or shape mismatch throws a
     * {@link StateDictMismatchException} listing all of them, and nothing is copied. Not strict: every
     * key that exists on both sides with the same shape is copied, the rest is logged and returned.
     */
    public final StateDictReport loadStateDict(Map<String, ? extends Tensor> state, boolean strict) {
        Objects.requireNonNull(state, "state");
        Map<String, Tensor> own = stateDict();
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        Map<String, Tensor> matching = new LinkedHashMap<>();
        own.forEach((key, target) -> {
            Tensor source = state.get(key);
            if (source == null) {
                missing.add(key);
            } else if (!Arrays.equals(source.shape(), target.shape())) {
                mismatched.add(key + ": expected " + Arrays.toString(target.shape()) + ", got " + Arrays.toString(source.shape()));
            } else {
                matching.put(key, target);
            }
        });
        List<String> unexpected = state.keySet().stream().filter(key -> !own.containsKey(key)).toList();
        StateDictReport report = new StateDictReport(missing, unexpected, mismatched);
        if (strict && !report.isClean()) {
            throw new StateDictMismatchException(getClass().getSimpleName(), report);
        }
        try (NoGrad ignored = NoGrad.enter()) {
            matching.forEach((key, target) -> copyInto(target, state.get(key)));
        }
        if (!report.isClean()) {
            LOG.warn("Loaded {} of {} tensors into {}; skipped:{}", matching.size(), own.size(),
                    getClass().getSimpleName(), report.describe());
        }
        return report;
    }

    private static void copyInto(Tensor target, Tensor source) {
        if (source.backend() == target.backend()) {
            target.copyFrom(source);
        } else {
            try (Tensor moved = source.to(target.backend())) {
                target.copyFrom(moved);
            }
        }
    }

    /**
     * Writes {@link #stateDict()} to a safetensors file (atomically), recording this module's class
     * name in the metadata under {@link #CLASS_METADATA_KEY}.
     */
    public final void save(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Map<String, Tensor> state = stateDict();
        SafeTensors.write(file, state, Map.of(CLASS_METADATA_KEY, getClass().getName()));
        LOG.debug("Saved {} ({} tensors) to {}", getClass().getSimpleName(), state.size(), file);
    }

    /** Loads a file written by {@link #save} (or any safetensors state dict) strictly into this module. */
    public final StateDictReport load(Path file) throws IOException {
        return load(file, true);
    }

    /** Loads a safetensors state dict into this module; see {@link #loadStateDict} for {@code strict}. */
    public final StateDictReport load(Path file, boolean strict) throws IOException {
        Objects.requireNonNull(file, "file");
        try (LoadedTensors loaded = SafeTensors.read(file)) {
            String savedClass = loaded.metadata().get(CLASS_METADATA_KEY);
            if (savedClass != null && !savedClass.equals(getClass().getName())) {
                LOG.warn("{} was saved from {} and is being loaded into {}", file, savedClass, getClass().getName());
            }
            return loadStateDict(loaded.tensors(), strict);
        }
    }

    // ---- placement -------------------------------------------------------------------------------

    /**
     * Moves every parameter and buffer to {@code target}; tensors already there stay as they are.
     * Moved parameters are new {@link Parameter} objects (gradients move with them) and the old ones
     * are freed, so call this before building an optimizer over {@link #parameters()}.
     */
    public final Module to(Backend target) {
        Objects.requireNonNull(target, "target");
        return convert(t -> t.backend() != target, t -> t.to(target), t -> t.backend() != target);
    }

    /** Moves to the backend serving {@code device}; see {@link #to(Backend)}. */
    public final Module to(Device device) {
        Objects.requireNonNull(device, "device");
        Backend destination;
        try {
            destination = Backends.get(device.type());
        } catch (BackendUnavailableException e) {
            throw new BackendUnavailableException(getClass().getSimpleName() + ".to(" + device + "): " + e.getMessage(), e);
        }
        if (!destination.device().equals(device)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".to(" + device + "): backend '" + device.type()
                    + "' serves only " + destination.device() + "; use that device");
        }
        return to(destination);
    }

    /**
     * Converts floating-point parameters and buffers to {@code dtype} (integer buffers such as
     * BatchNorm's batch counter keep theirs), as PyTorch's {@code module.to(torch.float64)}; see
     * {@link #to(Backend)} for what happens to the parameter objects.
     */
    public final Module to(DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".to: dtype must be floating point, got " + dtype);
        }
        Predicate<Tensor> needs = t -> t.dtype().isFloatingPoint() && t.dtype() != dtype;
        return convert(needs, t -> t.to(dtype), needs);
    }

    private Module convert(Predicate<Tensor> parameterNeeds, UnaryOperator<Tensor> conversion, Predicate<Tensor> bufferNeeds) {
        checkNotClosed("to");
        Map<Tensor, Tensor> replaced = new IdentityHashMap<>();
        try (Scope ignoredScope = Scope.open(); NoGrad ignored = NoGrad.enter()) {
            for (Module module : namedModules().values()) {
                for (Map.Entry<String, Parameter> entry : module.parameters.entrySet()) {
                    Parameter old = entry.getValue();
                    if (parameterNeeds.test(old)) {
                        entry.setValue((Parameter) replaced.computeIfAbsent(old, p -> convertParameter(old, conversion)));
                    }
                }
                for (Map.Entry<String, Tensor> entry : module.buffers.entrySet()) {
                    Tensor old = entry.getValue();
                    if (bufferNeeds.test(old)) {
                        entry.setValue(replaced.computeIfAbsent(old, b -> owned(conversion.apply(old))));
                    }
                }
            }
        }
        replaced.keySet().forEach(Tensor::close);
        return this;
    }

    /** Takes a tensor out of every open scope: the module frees it. */
    private static Tensor owned(Tensor tensor) {
        Scope.untrack(tensor);
        return tensor;
    }

    private static Parameter convertParameter(Parameter old, UnaryOperator<Tensor> conversion) {
        Tensor values = conversion.apply(old);
        Parameter moved = Parameter.of(old.name(), values);
        values.close();
        moved.requiresGrad(old.requiresGrad());
        if (old.grad() != null) {
            Tensor grad = conversion.apply(old.grad());
            moved.setGrad(grad);
            grad.close();
        }
        return moved;
    }

    // ---- lifecycle and display -----------------------------------------------------------------

    /** Frees the parameters and buffers of this module and its descendants; idempotent. */
    @Override
    public void close() {
        for (Module module : namedModules().values()) {
            if (!module.closed) {
                module.closed = true;
                module.parameters.values().forEach(Tensor::close);
                module.buffers.values().forEach(Tensor::close);
            }
        }
    }

    private <T extends Tensor> T checkOpen(T tensor) {
        if (closed) {
            throw new IllegalStateException(getClass().getSimpleName() + " was closed; its parameters and buffers are freed");
        }
        return tensor;
    }

    private void checkNotClosed(String operation) {
        if (closed) {
            throw new IllegalStateException(operation + ": " + getClass().getSimpleName()
                    + " was closed; its parameters and buffers are freed");
        }
    }

    /** The arguments shown inside this module's parentheses in {@link #toString()}, e.g. {@code inFeatures=784}. */
    protected String extraRepr() {
        return "";
    }

    /** A tree like PyTorch's repr: {@code Sequential(\n  (0): Linear(inFeatures=784, ...)\n)}. */
    @Override
    public String toString() {
        String name = getClass().getSimpleName();
        String extra = extraRepr();
        if (children.isEmpty()) {
            return name + "(" + extra + ")";
        }
        StringBuilder text = new StringBuilder(name).append('(');
        if (!extra.isEmpty()) {
            text.append("\n  ").append(extra);
        }
        children.forEach((childName, child) -> text.append("\n  (").append(childName).append("): ")
                .append(child.toString().replace("\n", "\n  ")));
        return text.append("\n)").toString();
    }
}
