package dev.ithaca.data;

import dev.ithaca.train.Batch;

import java.util.Arrays;
import java.util.List;

/**
 * Changes a whole batch at once (normalize inputs, one-hot targets, random crops), as the
 * {@link DataLoader} hands it out. Working on batches keeps tensor work to a few large ops;
 * the {@link BatchContext} gives each row's dataset index, so random transforms draw per-sample
 * numbers that do not depend on batching or threads.
 *
 * <p>Ownership: {@code apply} takes over {@code batch} and returns a batch its caller owns. It
 * may return tensors of {@code batch} unchanged; tensors it replaces it closes. The loader also
 * runs transforms inside a {@link dev.ithaca.memory.Scope}, so intermediates never outlive the batch.
 *
 * <p>Implementations must be thread-safe (workers call one instance concurrently); in practice,
 * immutable.
 */
@FunctionalInterface
public interface Transform {

    Batch apply(Batch batch, BatchContext context);

    /** This transform, then {@code next}. */
    default Transform andThen(Transform next) {
        return compose(this, next);
    }

    /**
     * The transforms applied in order. Nested chains are flattened; the transform at position
     * {@code i} of the flat chain sees stage {@code i}, so two random transforms of a chain draw
     * independent numbers.
     */
    static Transform compose(Transform... transforms) {
        return compose(Arrays.asList(transforms));
    }

    /** See {@link #compose(Transform...)}. */
    static Transform compose(List<Transform> transforms) {
        return ComposedTransform.of(transforms);
    }
}
