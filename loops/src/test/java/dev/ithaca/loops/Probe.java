package dev.ithaca.loops;

import dev.ithaca.autograd.GradMode;
import dev.ithaca.nn.Module;
import dev.ithaca.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** Wraps a model and records, at every forward, whether it ran in training mode and with gradients on. */
final class Probe extends Module {
    record Call(boolean training, boolean gradients) {
    }

    private final Module inner;
    private final List<Call> calls = new ArrayList<>();

    Probe(Module inner) {
        this.inner = registerModule("inner", inner);
    }

    List<Call> calls() {
        return calls;
    }

    @Override
    public Tensor forward(Tensor input) {
        calls.add(new Call(isTraining(), GradMode.isEnabled()));
        return inner.forward(input);
    }
}
