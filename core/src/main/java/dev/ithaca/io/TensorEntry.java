package dev.ithaca.io;

import java.util.List;
import java.util.Objects;

/**
 * One tensor as a safetensors header describes it: name, element type, shape, and the byte range
 * {@code [begin, end)} of its data, relative to the start of the byte buffer that follows the header.
 */
public record TensorEntry(String name, SafeTensorsDType dtype, List<Long> shape, long begin, long end) {

    public TensorEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = List.copyOf(shape);
        for (long size : shape) {
            if (size < 0) {
                throw new IllegalArgumentException("shape of '" + name + "' must have sizes >= 0, got " + shape);
            }
        }
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("data offsets of '" + name + "' must satisfy 0 <= begin <= end, got ["
                    + begin + ", " + end + "]");
        }
    }

    /** Bytes of data the entry spans. */
    public long byteLength() {
        return end - begin;
    }

    /** The shape as an array, as tensor factories take it. */
    public long[] shapeArray() {
        return shape.stream().mapToLong(Long::longValue).toArray();
    }

    /** Number of elements (the header was validated, so this cannot overflow). */
    public long numel() {
        long n = 1;
        for (long size : shape) {
            n = Math.multiplyExact(n, size);
        }
        return n;
    }
}
