package dev.ithaca.nn;

import dev.ithaca.tensor.Tensor;

/** Elementwise {@code max(0, x)}, as {@code nn.ReLU}. */
public final class ReLU extends Module {

    @Override
    public Tensor forward(Tensor input) {
        return input.relu();
    }
}
