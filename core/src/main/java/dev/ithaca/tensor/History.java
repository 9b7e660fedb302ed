package dev.ithaca.tensor;

import dev.ithaca.autograd.FunctionNode;
import dev.ithaca.autograd.Node;
import dev.ithaca.autograd.SavedTensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Records an op's backward on its output when any input needs a gradient: the micrograd pattern
 * of "build the output, attach a closure". Nothing is saved or allocated when no input needs one.
 */
final class History {
    private History() {
    }

    /** The backward of one op, given the output gradient, the tensors it saved and which inputs need a gradient. */
    @FunctionalInterface
    interface Body {
        Tensor[] apply(Tensor gradOutput, Tensor[] saved, boolean[] needed);
    }

    /** Records {@code body} as {@code out}'s history; {@code save} lists what the backward reads. Returns out. */
    static Tensor record(Tensor out, String name, Tensor[] inputs, Tensor[] save, Body body) {
        if (!out.dtype().isFloatingPoint() || !Tensor.needsGrad(inputs)) {
            return out;
        }
        Node[] next = new Node[inputs.length];
        boolean[] needed = new boolean[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            next[i] = inputs[i].dtype().isFloatingPoint() ? inputs[i].gradEdge() : null;
            needed[i] = next[i] != null;
        }
        List<SavedTensor> saved = new ArrayList<>(save.length);
        for (Tensor t : save) {
            saved.add(SavedTensor.of(t, name));
        }
        out.setHistory(new FunctionNode(name, next, saved, g -> {
            Tensor[] values = new Tensor[saved.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = saved.get(i).get();
            }
            return body.apply(g, values, needed);
        }));
        return out;
    }

    /** Shorthand for ops whose backward needs nothing saved. */
    static Tensor record(Tensor out, String name, Tensor[] inputs, Body body) {
        return record(out, name, inputs, new Tensor[0], body);
    }

    /** Sums a broadcast gradient back down to {@code shape} (the inverse of expand). */
    static Tensor sumToShape(Tensor g, long[] shape) {
        long[] gs = g.shape();
        if (java.util.Arrays.equals(gs, shape)) {
            return g;
        }
        int lead = gs.length - shape.length;
        List<Integer> dims = new ArrayList<>();
        for (int d = 0; d < gs.length; d++) {
            if (d < lead || (shape[d - lead] == 1 && gs[d] != 1)) {
                dims.add(d);
            }
        }
        Tensor summed = dims.isEmpty() ? g : g.sum(dims.stream().mapToInt(Integer::intValue).toArray(), true);
        return summed.reshape(shape);
    }
}
