package dev.ithaca.data;

import dev.ithaca.train.Batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Several transforms in order, each at its own stage (see {@link Transform#compose}). */
final class ComposedTransform implements Transform {
    private final List<Transform> chain;

    private ComposedTransform(List<Transform> chain) {
        this.chain = chain;
    }

    static ComposedTransform of(List<Transform> transforms) {
        List<Transform> flat = new ArrayList<>();
        for (int i = 0; i < transforms.size(); i++) {
            Transform t = transforms.get(i);
            if (t == null) {
                throw new NullPointerException("Transform.compose: transform at position " + i + " is null");
            }
            if (t instanceof ComposedTransform composed) {
                flat.addAll(composed.chain);
            } else {
                flat.add(t);
            }
        }
        return new ComposedTransform(List.copyOf(flat));
    }

    @Override
    public Batch apply(Batch batch, BatchContext context) {
        Batch current = batch;
        for (int i = 0; i < chain.size(); i++) {
            current = Objects.requireNonNull(chain.get(i).apply(current, context.withStage(i)),
                    "transform " + chain.get(i) + " returned null");
        }
        return current;
    }

    @Override
    public String toString() {
        return "Compose" + chain;
    }
}
