package dev.ithaca.models;

import dev.ithaca.nn.Sequential;
import dev.ithaca.nn.Temporaries;
import dev.ithaca.tensor.Tensor;

/**
 * Runs the layers of a {@link Sequential} one after another and frees every intermediate output as
 * soon as the pass ends ({@code Sequential.forward} leaves them to the caller's scope). Closing the
 * handles is safe while autograd records: what backward needs holds handles of its own.
 */
final class Chain {
    private Chain() {
    }

    /** The last layer's output; it is {@code input} itself only if every layer returned its input. */
    static Tensor forward(Sequential layers, Tensor input) {
        try (Temporaries tmp = new Temporaries()) {
            Tensor x = input;
            for (int i = 0; i < layers.size(); i++) {
                x = layers.get(i).forward(x);
                if (x != input) {
                    tmp.add(x);
                }
            }
            return tmp.keep(x);
        }
    }
}
