package dev.ithaca.io;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.memory.Scope;
import dev.ithaca.nn.Module;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Callback;
import dev.ithaca.train.LRScheduler;
import dev.ithaca.train.Optimizer;
import dev.ithaca.train.TrainingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One file that resumes a run exactly: model tensors, optimizer state, scheduler state, the state of
 * every callback and the loop's own counters, as a single safetensors file.
 *
 * <h2>Layout</h2>
 * Model tensors are stored as {@code model/<dotted name>}. Every other part is a state dict of plain
 * data; its JSON goes into the {@code __metadata__} map (keys {@value #OPTIMIZER_KEY},
 * {@value #SCHEDULER_KEY}, {@value #CALLBACKS_KEY} as an object keyed by
 * {@link Callback#stateKey()}, and {@value #LOOP_KEY}), and each tensor inside it (an optimizer's
 * moments, say) is stored as a tensor named after its path, e.g. {@code optimizer/state/0/exp_avg},
 * referenced from the JSON as {@code {"__tensor__": "optimizer/state/0/exp_avg"}}. Non-finite doubles
 * are written as {@code {"__float__": "NaN"}}. The file is an ordinary safetensors file, so PyTorch
 * and Hugging Face tools read its tensors.
 *
 * <h2>Safety</h2>
 * Writing goes through {@link SafeTensors#write}: temp file, fsync, atomic rename, so an existing file
 * at the path keeps its content until the new one is complete. Reading validates the whole file and
 * the JSON before anything is restored; a corrupt or truncated file, or one that is not a training
 * checkpoint, is a {@link CheckpointFormatException} naming the file.
 */
public final class TrainingCheckpoint {
    /** Metadata key marking the file as a training checkpoint; its value is the layout version. */
    public static final String FORMAT_KEY = "ithaca.checkpoint";
    public static final String FORMAT_VERSION = "1";
    public static final String OPTIMIZER_KEY = "ithaca.optimizer";
    public static final String SCHEDULER_KEY = "ithaca.scheduler";
    public static final String CALLBACKS_KEY = "ithaca.callbacks";
    public static final String LOOP_KEY = "ithaca.loop";
    /** Prefix of the model's tensors within the file. */
    public static final String MODEL_PREFIX = "model/";

    private static final Logger LOG = LoggerFactory.getLogger(TrainingCheckpoint.class);

    private TrainingCheckpoint() {
    }

    /** Saves everything {@code state} shows: model, optimizer, scheduler, callbacks and loop state. */
    public static void save(Path file, TrainingState state) throws IOException {
        Objects.requireNonNull(state, "state");
        save(file, state.model(), state.optimizer(), state.scheduler().orElse(null), state.callbacks(), state.loopState());
    }

    /**
     * Writes a checkpoint atomically. {@code optimizer} and {@code scheduler} may be null (nothing is
     * stored for them); {@code callbacks} must have distinct {@link Callback#stateKey()}s unless their states are empty.
     *
     * @throws IllegalArgumentException when two callbacks share a state key, or a state dict holds a
     *                                  value that is not plain data or a tensor; nothing is written then
     * @throws IOException              when the file system fails; an existing {@code file} is unchanged
     */
    public static void save(Path file, Module model, Optimizer optimizer, LRScheduler scheduler,
                            List<? extends Callback> callbacks, Map<String, ?> loopState) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(callbacks, "callbacks");
        Objects.requireNonNull(loopState, "loopState");
        // state dicts may hand out fresh copies (optimizers clone their moments): the scope frees them
        try (Scope ignored = Scope.open()) {
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            model.stateDict().forEach((name, tensor) -> tensors.put(MODEL_PREFIX + name, tensor));
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put(FORMAT_KEY, FORMAT_VERSION);
            metadata.put(Module.CLASS_METADATA_KEY, model.getClass().getName());
            if (optimizer != null) {
                metadata.put(OPTIMIZER_KEY, StateCodec.encode(optimizer.stateDict(), "optimizer", tensors));
            }
            if (scheduler != null) {
                metadata.put(SCHEDULER_KEY, StateCodec.encode(scheduler.stateDict(), "scheduler", tensors));
            }
            metadata.put(CALLBACKS_KEY, StateCodec.encode(callbackStates(callbacks), "callbacks", tensors));
            metadata.put(LOOP_KEY, StateCodec.encode(loopState, "loop", tensors));
            SafeTensors.write(file, tensors, metadata);
        }
        LOG.debug("saved training checkpoint {}", file);
    }

    private static Map<String, Object> callbackStates(List<? extends Callback> callbacks) {
        Map<String, Object> states = new LinkedHashMap<>();
        for (Callback callback : callbacks) {
            Objects.requireNonNull(callback, "callbacks holds null");
            String key = callback.stateKey();
            Map<String, Object> state = callback.stateDict();
            Object earlier = states.get(key);
            // stateless callbacks may share a key (two instances of a class with the default key); stateful ones may not
            if (earlier != null && !(state.isEmpty() && ((Map<?, ?>) earlier).isEmpty())) {
                throw new IllegalArgumentException("callbacks: two callbacks have the state key '" + key
                        + "'; give each a distinct stateKey() so their states do not overwrite each other");
            }
            states.put(key, state);
        }
        return states;
    }

    /**
     * Restores a checkpoint onto the given objects and returns the loop state for the trainer. The
     * model is loaded strictly (every tensor, same shapes). {@code optimizer} and {@code scheduler}
     * may be null to skip them (to evaluate a model, say). Each callback whose state key is in the
     * file gets its state; a callback with no saved state, or saved state with no callback, is
     * logged and left alone, as Lightning does when callbacks change between runs.
     *
     * <p>Tensors handed to {@code loadStateDict} methods live only during this call: implementations
     * copy what they keep. Tensors inside the returned loop state belong to the caller (or to the
     * {@link Scope} open during the call). Each part checks its input before it changes; if a later part rejects
     * its state, the model is put back to its values from before the call (an optimizer or scheduler
     * restored before the failing part keeps its restored state).
     *
     * @throws CheckpointFormatException when the file is corrupt, truncated or not a training checkpoint
     * @throws IllegalArgumentException  when the file does not fit the objects (different tensors or
     *                                   shapes, no optimizer or scheduler state where one is given)
     */
    public static Map<String, Object> restore(Path file, Module model, Optimizer optimizer, LRScheduler scheduler,
                                              List<? extends Callback> callbacks) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(callbacks, "callbacks");
        LoadedTensors loaded = SafeTensors.read(file);
        Set<Tensor> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        try {
            Map<String, String> metadata = loaded.metadata();
            String version = metadata.get(FORMAT_KEY);
            if (version == null) {
                throw new CheckpointFormatException(file, "not a training checkpoint: its metadata has no '" + FORMAT_KEY
                        + "' entry (a plain model file? load it with Module.load)");
            }
            if (!FORMAT_VERSION.equals(version)) {
                throw new CheckpointFormatException(file, "training checkpoint layout version '" + version
                        + "' is not supported (this reader reads version " + FORMAT_VERSION + ")");
            }
            Map<String, Tensor> modelState = new LinkedHashMap<>();
            loaded.tensors().forEach((name, tensor) -> {
                if (name.startsWith(MODEL_PREFIX)) {
                    modelState.put(name.substring(MODEL_PREFIX.length()), tensor);
                }
            });
            Map<String, Object> optimizerState = decodeMap(file, metadata, OPTIMIZER_KEY, loaded.tensors());
            Map<String, Object> schedulerState = decodeMap(file, metadata, SCHEDULER_KEY, loaded.tensors());
            Map<String, Object> callbackStates = decodeMap(file, metadata, CALLBACKS_KEY, loaded.tensors());
            Map<String, Object> loopState = decodeMap(file, metadata, LOOP_KEY, loaded.tensors());
            if (callbackStates == null || loopState == null) {
                throw new CheckpointFormatException(file, "the metadata lacks '" + (callbackStates == null ? CALLBACKS_KEY : LOOP_KEY)
                        + "', which every training checkpoint has");
            }
            if (optimizer != null && optimizerState == null) {
                throw new IllegalArgumentException(file + ": the checkpoint holds no optimizer state to restore into "
                        + optimizer.getClass().getSimpleName());
            }
            if (scheduler != null && schedulerState == null) {
                throw new IllegalArgumentException(file + ": the checkpoint holds no scheduler state to restore into "
                        + scheduler.getClass().getSimpleName());
            }

            Map<String, Tensor> modelBefore = snapshot(model);
            try {
                model.loadStateDict(modelState, true);
                if (optimizer != null) {
                    optimizer.loadStateDict(optimizerState);
                }
                if (scheduler != null) {
                    scheduler.loadStateDict(schedulerState);
                }
                restoreCallbacks(file, callbacks, callbackStates);
            } catch (RuntimeException e) {
                // a part that rejects its state must not leave the model overwritten by half a resume
                model.loadStateDict(modelBefore, true);
                throw e;
            } finally {
                modelBefore.values().forEach(Tensor::close);
            }
            collectTensors(loopState, kept);
            LOG.debug("restored training checkpoint {}", file);
            return loopState;
        } finally {
            loaded.tensors().values().stream().filter(t -> !kept.contains(t)).forEach(Tensor::close);
        }
    }

    /**
     * Loads only the model's weights from a training checkpoint (as Lightning's
     * {@code trainer.test(ckpt_path="best")}), leaving optimizer, scheduler and callbacks alone.
     *
     * @throws CheckpointFormatException when the file is corrupt or not a training checkpoint
     * @throws IllegalArgumentException  when its model tensors do not fit {@code model} (names or shapes)
     */
    public static void restoreModel(Path file, Module model) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(model, "model");
        LoadedTensors loaded = SafeTensors.read(file);
        try {
            String version = loaded.metadata().get(FORMAT_KEY);
            if (!FORMAT_VERSION.equals(version)) {
                throw new CheckpointFormatException(file, version == null
                        ? "not a training checkpoint: its metadata has no '" + FORMAT_KEY + "' entry (a plain model file? load it with Module.load)"
                        : "training checkpoint layout version '" + version + "' is not supported (this reader reads version " + FORMAT_VERSION + ")");
            }
            Map<String, Tensor> modelState = new LinkedHashMap<>();
            loaded.tensors().forEach((name, tensor) -> {
                if (name.startsWith(MODEL_PREFIX)) {
                    modelState.put(name.substring(MODEL_PREFIX.length()), tensor);
                }
            });
            model.loadStateDict(modelState, true);
        } finally {
            loaded.tensors().values().forEach(Tensor::close);
        }
    }

    /** Copies of the model's current values, to put back if restoring another part fails. */
    private static Map<String, Tensor> snapshot(Module model) {
        Map<String, Tensor> copies = new LinkedHashMap<>();
        try (NoGrad ignored = NoGrad.enter()) {
            model.stateDict().forEach((name, tensor) -> copies.put(name, tensor.clone()));
        }
        return copies;
    }

    private static void collectTensors(Object value, Set<Tensor> out) {
        if (value instanceof Tensor tensor) {
            out.add(tensor);
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collectTensors(v, out));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collectTensors(v, out));
        }
    }

    private static void restoreCallbacks(Path file, List<? extends Callback> callbacks, Map<String, Object> states) {
        Map<String, Object> unused = new LinkedHashMap<>(states);
        for (Callback callback : callbacks) {
            Object state = unused.remove(callback.stateKey());
            if (state instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, ?> typed = (Map<String, ?>) map;
                callback.loadStateDict(typed);
            } else {
                LOG.warn("{}: no saved state for callback '{}'; it starts fresh", file, callback.stateKey());
            }
        }
        if (!unused.isEmpty()) {
            LOG.warn("{}: saved state of callbacks {} matches no callback of this run; ignored", file, unused.keySet());
        }
    }

    private static Map<String, Object> decodeMap(Path file, Map<String, String> metadata, String key,
                                                 Map<String, Tensor> tensors) throws CheckpointFormatException {
        String json = metadata.get(key);
        if (json == null) {
            return null;
        }
        Object value;
        try {
            value = StateCodec.decode(json, tensors);
        } catch (IllegalArgumentException e) {
            throw new CheckpointFormatException(file, "metadata '" + key + "': " + e.getMessage(), e);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new CheckpointFormatException(file, "metadata '" + key + "' must be a JSON object, got " + json);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        if (key.equals(CALLBACKS_KEY)) {
            for (Map.Entry<String, Object> part : typed.entrySet()) {
                if (!(part.getValue() instanceof Map)) {
                    throw new CheckpointFormatException(file, "metadata '" + key + "': the state of callback '" + part.getKey()
                            + "' must be an object, got " + part.getValue());
                }
            }
        }
        return typed;
    }
}
