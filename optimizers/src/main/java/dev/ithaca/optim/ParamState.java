package dev.ithaca.optim;

import dev.ithaca.memory.Scope;
import dev.ithaca.nn.Parameter;
import dev.ithaca.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One parameter's optimizer state, PyTorch's {@code optimizer.state[p]}: an optional step count and
 * named buffers shaped like the parameter ({@code exp_avg}, {@code momentum_buffer}, ...). Buffers
 * belong to the optimizer, never to a {@link Scope}, so a trainer's per-step scope cannot free them.
 */
public final class ParamState {
    private final Parameter param;
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private long step;
    private boolean counted;

    ParamState(Parameter param) {
        this.param = param;
    }

    /** Steps taken so far (0 before the first, or for algorithms that do not count them). */
    public long step() {
        return step;
    }

    /** True once the algorithm counts steps for this parameter (so the state dict records {@code step}). */
    public boolean countsSteps() {
        return counted;
    }

    /** Counts one more step and returns the new count (PyTorch's {@code state_steps[i] += 1}). */
    public long advance() {
        counted = true;
        return ++step;
    }

    /** Sets the count (a restored checkpoint, or Adagrad's eager {@code step = 0}). */
    public void setStep(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + value);
        }
        counted = true;
        step = value;
    }

    /** The buffer called {@code name}, or null when it does not exist yet. */
    public Tensor buffer(String name) {
        return buffers.get(name);
    }

    /** The buffer called {@code name}, created filled with {@code initialValue} on first use. */
    public Tensor buffer(String name, double initialValue) {
        Tensor existing = buffers.get(name);
        if (existing != null) {
            return existing;
        }
        Tensor created = Tensor.zerosLike(param);
        Scope.untrack(created);
        if (initialValue != 0) {
            created.fill(initialValue);
        }
        buffers.put(name, created);
        return created;
    }

    boolean isEmpty() {
        return !counted && buffers.isEmpty();
    }

    /** Takes ownership of {@code tensor} as buffer {@code name} (it must already be owned by no scope). */
    void put(String name, Tensor tensor) {
        Tensor previous = buffers.put(name, tensor);
        if (previous != null) {
            previous.close();
        }
    }

    /** PyTorch's layout: {@code step} first when counted, then each buffer as a copy the caller owns. */
    Map<String, Object> toStateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (counted) {
            out.put("step", step);
        }
        buffers.forEach((name, tensor) -> out.put(name, tensor.clone()));
        return out;
    }

    void close() {
        buffers.values().forEach(Tensor::close);
        buffers.clear();
    }
}
