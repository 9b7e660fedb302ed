package dev.ithaca.tensor;

import dev.ithaca.autograd.Node;

/** The end of a backward path: adds the incoming gradient into a leaf tensor's {@code grad}. */
final class AccumulateGrad extends Node {
    private final Tensor leaf;

    AccumulateGrad(Tensor leaf) {
        super("AccumulateGrad");
        this.leaf = leaf;
    }

    @Override
    public Tensor[] apply(Tensor gradOutput) {
        leaf.accumulateGrad(gradOutput);
        return new Tensor[0];
    }
}
