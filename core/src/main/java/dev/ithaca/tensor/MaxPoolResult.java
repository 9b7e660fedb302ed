package dev.ithaca.tensor;

/** Max-pooling output and, per output cell, the flat position {@code h*W + w} of its maximum in the input plane. */
public record MaxPoolResult(Tensor values, Tensor indices) implements AutoCloseable {
    @Override
    public void close() {
        values.close();
        indices.close();
    }
}
