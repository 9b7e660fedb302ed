package dev.ithaca.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Brings op inputs to a common dtype and shape, creating a cast or broadcast view only when one is
 * needed, and frees those temporaries when the op is done. Skipping needless aliases keeps tiny
 * ops cheap and keeps the autograd graph free of identity nodes.
 */
final class Operands implements AutoCloseable {
    private final List<Tensor> temporaries = new ArrayList<>(4);

    /** {@code t} converted to {@code dtype} (if needed) and broadcast to {@code shape} (if needed). */
    Tensor as(Tensor t, DType dtype, long[] shape) {
        Tensor result = t;
        if (result.dtype() != dtype) {
            result = keep(result.to(dtype));
        }
        if (!Arrays.equals(result.shape(), shape)) {
            result = keep(result.expand(shape));
        }
        return result;
    }

    /** {@code t} converted to {@code dtype} if needed. */
    Tensor as(Tensor t, DType dtype) {
        return t.dtype() == dtype ? t : keep(t.to(dtype));
    }

    /** Frees {@code temporary} with the others; returns it. */
    Tensor keep(Tensor temporary) {
        temporaries.add(temporary);
        return temporary;
    }

    @Override
    public void close() {
        temporaries.forEach(Tensor::close);
    }
}
