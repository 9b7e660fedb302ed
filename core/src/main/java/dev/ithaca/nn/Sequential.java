package dev.ithaca.nn;

import dev.ithaca.tensor.Tensor;

import java.util.List;
import java.util.Objects;

/**
 * Modules applied one after another, as {@code nn.Sequential}; the children are named {@code 0},
 * {@code 1}, {@code 2}, ... so their parameters are {@code 0.weight}, {@code 2.bias} and so on.
 * An empty Sequential returns its input.
 */
public final class Sequential extends Module {
    private final List<Module> layers;

    public Sequential(Module... layers) {
        this(List.of(Objects.requireNonNull(layers, "layers")));
    }

    public Sequential(List<? extends Module> layers) {
        Objects.requireNonNull(layers, "layers");
        for (int i = 0; i < layers.size(); i++) {
            registerModule(Integer.toString(i), Objects.requireNonNull(layers.get(i), "layers[" + i + "]"));
        }
        this.layers = List.copyOf(layers);
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module layer : layers) {
            x = layer.forward(x);
        }
        return x;
    }

    /** The module at {@code index}. */
    public Module get(int index) {
        if (index < 0 || index >= layers.size()) {
            throw new IndexOutOfBoundsException("Sequential.get: index " + index + " is outside [0, " + layers.size() + ")");
        }
        return layers.get(index);
    }

    public int size() {
        return layers.size();
    }
}
