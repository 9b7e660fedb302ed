package dev.ithaca.spi;

import dev.ithaca.tensor.DType;

import java.util.Arrays;

/**
 * What a kernel sees of a tensor: its storage, element type, shape, strides and offset, all in
 * elements. Kernels read and write through strides, so views reach them without copies.
 */
public record Strided(Storage storage, DType dtype, long[] shape, long[] strides, long offset) {

    /** Copies the arrays, so kernels can never reshape the tensor they were handed. */
    public Strided {
        shape = shape.clone();
        strides = strides.clone();
        if (shape.length != strides.length) {
            throw new IllegalArgumentException("Strided: shape " + Arrays.toString(shape) + " and strides "
                    + Arrays.toString(strides) + " differ in rank");
        }
    }

    /** A copy of the shape (the record's own array stays private to it). */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public long[] strides() {
        return strides.clone();
    }

    /** Size of dimension {@code d}, without copying. */
    public long size(int d) {
        return shape[d];
    }

    /** Stride of dimension {@code d} in elements, without copying. */
    public long stride(int d) {
        return strides[d];
    }

    public int rank() {
        return shape.length;
    }

    public long numel() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    /** Row-major with no gaps (size-1 dimensions may have any stride). */
    public boolean isContiguous() {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && strides[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    @Override
    public String toString() {
        return dtype + Arrays.toString(shape) + " strides " + Arrays.toString(strides) + " offset " + offset;
    }
}
