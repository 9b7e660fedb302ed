package dev.ithaca.autograd;

import dev.ithaca.tensor.Tensor;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One step of a tensor's history, as PyTorch's {@code grad_fn}: given the gradient of the output,
 * {@link #apply} returns the gradient of each input; {@link #next()} says which node receives each
 * (null where no gradient is needed).
 */
public abstract class Node {
    private final String name;
    private final List<Node> next;

    protected Node(String name, Node... next) {
        this.name = name;
        this.next = Collections.unmodifiableList(Arrays.asList(next.clone()));
    }

    /** PyTorch-style name, e.g. {@code MulBackward}. */
    public String name() {
        return name;
    }

    /** The node of each input, in input order; null entries take no gradient. */
    public List<Node> next() {
        return next;
    }

    /** Gradients with respect to each input (same order as {@link #next()}); entries may be null. */
    public abstract Tensor[] apply(Tensor gradOutput);

    /** Drops what the node saved for its backward, once it has run. */
    protected void release() {
    }

    @Override
    public String toString() {
        return name;
    }
}
