package dev.ithaca.cli.build;

import java.util.Arrays;

/**
 * What the model has to fit: the shape of one input example, and either the number of classes,
 * one regression output, or a vocabulary (language models).
 *
 * @param exampleShape input dimensions of one example ({@code [1, 28, 28]}, {@code [features]}, {@code [T]})
 * @param outputs      classes, 1 for regression, or the vocabulary size
 */
public record DataShape(Kind kind, long[] exampleShape, int outputs) {

    public enum Kind { CLASSES, REGRESSION, TOKENS }

    public DataShape {
        exampleShape = exampleShape.clone();
    }

    /** Product of the example dimensions: an MLP's input width. */
    public int flatFeatures() {
        long n = 1;
        for (long d : exampleShape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    @Override
    public long[] exampleShape() {
        return exampleShape.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataShape s && s.kind == kind && s.outputs == outputs && Arrays.equals(s.exampleShape, exampleShape);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * kind.hashCode() + outputs) + Arrays.hashCode(exampleShape);
    }

    @Override
    public String toString() {
        return kind + " " + Arrays.toString(exampleShape) + " -> " + outputs;
    }
}
