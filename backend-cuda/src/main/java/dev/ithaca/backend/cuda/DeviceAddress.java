package dev.ithaca.backend.cuda;

import dev.ithaca.spi.Strided;
import dev.ithaca.tensor.DType;

/** Device addresses of operands, and the name suffixes kernels are instantiated under. */
final class DeviceAddress {
    private DeviceAddress() {
    }

    /** Address of the first element of {@code s}. */
    static long of(Strided s) {
        if (!(s.storage() instanceof CudaStorage storage)) {
            throw new IllegalArgumentException("the CUDA backend got an operand that is not in CUDA memory: " + s
                    + " (storage " + s.storage().getClass().getSimpleName() + "); move tensors with to(backend) first");
        }
        return storage.address() + s.offset() * s.dtype().byteSize();
    }

    /** Kernel name suffix of a dtype: {@code b8 i32 i64 f32 f64}. */
    static String suffix(DType dtype) {
        return switch (dtype) {
            case BOOL -> "b8";
            case INT32 -> "i32";
            case INT64 -> "i64";
            case FLOAT32 -> "f32";
            case FLOAT64 -> "f64";
        };
    }

    /** Kernel name suffix of kernels that move raw elements: the element size, {@code 1 4 8}. */
    static String sizeSuffix(DType dtype) {
        return Integer.toString(dtype.byteSize());
    }
}
