package dev.ithaca.train;

import dev.ithaca.tensor.Tensor;

import java.util.Objects;

/**
 * One mini-batch: model input and, for labelled data, the target (class indices, values or next
 * tokens). The consumer owns both tensors and frees them with {@link #close()}; a training loop
 * does so at the end of the step.
 *
 * @param input  first dimension is the batch
 * @param target same first dimension as {@code input}, or null for unlabelled data (prediction)
 */
public record Batch(Tensor input, Tensor target) implements AutoCloseable {

    public Batch {
        Objects.requireNonNull(input, "input");
        if (target != null && input.dim() > 0 && target.dim() > 0 && input.shape()[0] != target.shape()[0]) {
            throw new IllegalArgumentException("Batch: input has " + input.shape()[0] + " rows but target has "
                    + target.shape()[0] + "; both must have the batch size as first dimension");
        }
    }

    /** Rows in this batch. */
    public long size() {
        return input.dim() == 0 ? 1 : input.shape()[0];
    }

    public boolean hasTarget() {
        return target != null;
    }

    @Override
    public void close() {
        input.close();
        if (target != null) {
            target.close();
        }
    }
}
