package dev.ithaca.nn;

import dev.ithaca.tensor.Tensor;

/** {@code exp(x) / sum(exp(x))} along {@code dim}, as {@code nn.Softmax} (negative dims count from the end). */
public final class Softmax extends Module {
    private final int dim;

    public Softmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.softmax(dim);
    }

    public int dim() {
        return dim;
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
