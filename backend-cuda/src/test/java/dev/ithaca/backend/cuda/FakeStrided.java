package dev.ithaca.backend.cuda;

import dev.ithaca.spi.Storage;
import dev.ithaca.spi.Strided;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Shapes;

/** Strided descriptions over a storage that holds no memory, for the launch planning code that only reads shapes and strides. */
final class FakeStrided {
    private FakeStrided() {
    }

    static Strided contiguous(DType dtype, long... shape) {
        return of(dtype, shape, Shapes.contiguousStrides(shape), 0);
    }

    static Strided of(DType dtype, long[] shape, long[] strides, long offset) {
        return new Strided(new NoMemory(), dtype, shape, strides, offset);
    }

    private static final class NoMemory extends Storage {
        NoMemory() {
            super(0, () -> { });
        }
    }
}
