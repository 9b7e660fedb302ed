package dev.ithaca.nn;

import dev.ithaca.tensor.Tensor;

/** Elementwise {@code tanh(x)}, as {@code nn.Tanh}. */
public final class Tanh extends Module {

    @Override
    public Tensor forward(Tensor input) {
        return input.tanh();
    }
}
