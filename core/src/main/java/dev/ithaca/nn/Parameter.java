package dev.ithaca.nn;

import dev.ithaca.tensor.Tensor;

import java.util.Objects;

/**
 * A named leaf tensor that requires gradients: what modules learn and optimizers update. It is a
 * {@link Tensor} (sharing the given tensor's storage) and belongs to no scope, so it lives until
 * closed, like the module that owns it.
 */
public final class Parameter extends Tensor {
    private final String name;

    private Parameter(String name, Tensor data) {
        super(data);
        this.name = name;
        requiresGrad(true);
    }

    /** Wraps {@code data} (floating point) as a parameter named {@code name}; no copy is made. */
    public static Parameter of(String name, Tensor data) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
        if (name.isBlank()) {
            throw new IllegalArgumentException("Parameter name must not be blank");
        }
        if (!data.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("Parameter '" + name + "' must be floating point, got " + data.dtype());
        }
        return new Parameter(name, data);
    }

    public String name() {
        return name;
    }

    @Override
    public String describe() {
        return "Parameter '" + name + "' " + super.describe();
    }
}
