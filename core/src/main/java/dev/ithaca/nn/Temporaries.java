package dev.ithaca.nn;

import dev.ithaca.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The intermediate handles one forward pass (of a layer or a loss) creates, closed together when it ends. Unlike a
 * {@link dev.ithaca.memory.Scope} it closes only the handles given to it, never the tensors autograd
 * saved for backward (those hold handles of their own), so it is safe while a graph is being recorded.
 */
public final class Temporaries implements AutoCloseable {
    private final List<Tensor> tensors = new ArrayList<>();

    /** Closes {@code tensor} when this closes; returns it. */
    public Tensor add(Tensor tensor) {
        tensors.add(tensor);
        return tensor;
    }

    /** Hands {@code result} to the caller: it is not closed, even if it was added (a layer may return its input). */
    public Tensor keep(Tensor result) {
        tensors.removeIf(t -> t == result);
        return result;
    }

    @Override
    public void close() {
        for (int i = tensors.size() - 1; i >= 0; i--) {
            tensors.get(i).close();
        }
        tensors.clear();
    }
}
