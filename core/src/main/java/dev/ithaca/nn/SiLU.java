package dev.ithaca.nn;

import dev.ithaca.tensor.Tensor;

/** Elementwise {@code x * sigmoid(x)} (swish), as {@code nn.SiLU}. */
public final class SiLU extends Module {

    @Override
    public Tensor forward(Tensor input) {
        return input.silu();
    }
}
