package dev.ithaca.autograd;

import dev.ithaca.tensor.Tensor;

import java.util.List;

/** A node whose backward is a closure over what its op saved (the micrograd pattern). */
public final class FunctionNode extends Node {
    private final BackwardFunction backward;
    private final List<SavedTensor> saved;

    public FunctionNode(String name, Node[] next, List<SavedTensor> saved, BackwardFunction backward) {
        super(name, next);
        this.backward = backward;
        this.saved = List.copyOf(saved);
    }

    @Override
    public Tensor[] apply(Tensor gradOutput) {
        return backward.apply(gradOutput);
    }

    @Override
    protected void release() {
        saved.forEach(SavedTensor::release);
    }
}
