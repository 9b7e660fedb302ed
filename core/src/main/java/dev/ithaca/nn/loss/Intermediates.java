package dev.ithaca.nn.loss;

import dev.ithaca.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The temporary tensors of one forward, closed together when it ends. A nested {@code Scope}
 * would not do: autograd's saved handles are created inside it and would be freed before
 * backward runs, whereas closing only these handles leaves the saved ones alive.
 */
final class Intermediates implements AutoCloseable {
    private final List<Tensor> tensors = new ArrayList<>();

    /** Registers {@code t} to be closed with the others; returns it. */
    Tensor keep(Tensor t) {
        tensors.add(t);
        return t;
    }

    @Override
    public void close() {
        for (int i = tensors.size() - 1; i >= 0; i--) {
            tensors.get(i).close();
        }
        tensors.clear();
    }
}
