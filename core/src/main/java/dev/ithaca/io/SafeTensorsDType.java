package dev.ithaca.io;

import dev.ithaca.tensor.DType;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The element types the safetensors specification names, in the reference implementation's order
 * (increasing alignment). Writers sort tensors by this order, descending, so every tensor's data
 * starts at a multiple of its element size within the byte buffer.
 *
 * <p>Every type here is understood when reading a header; only those with a {@link #loadsAs()}
 * type can be loaded into Ithaca tensors.
 */
public enum SafeTensorsDType {
    BOOL(8, DType.BOOL),
    F4(4, null),
    F6_E2M3(6, null),
    F6_E3M2(6, null),
    U8(8, null),
    I8(8, null),
    F8_E5M2(8, null),
    F8_E4M3(8, null),
    F8_E8M0(8, null),
    I16(16, null),
    U16(16, null),
    F16(16, DType.FLOAT32),
    BF16(16, DType.FLOAT32),
    I32(32, DType.INT32),
    U32(32, null),
    F32(32, DType.FLOAT32),
    C64(64, null),
    F64(64, DType.FLOAT64),
    I64(64, DType.INT64),
    U64(64, null);

    private final int bits;
    private final DType loadsAs;

    SafeTensorsDType(int bits, DType loadsAs) {
        this.bits = bits;
        this.loadsAs = loadsAs;
    }

    /** Bits one element occupies in the file (sub-byte types are packed). */
    public int bits() {
        return bits;
    }

    /** The Ithaca type a tensor of this type is loaded as (F16 and BF16 widen to FLOAT32), if loadable. */
    public Optional<DType> loadsAs() {
        return Optional.ofNullable(loadsAs);
    }

    /** The type named in a header's {@code "dtype"} field; names are case-sensitive, as in the specification. */
    public static Optional<SafeTensorsDType> fromName(String name) {
        for (SafeTensorsDType type : values()) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The file type an Ithaca tensor of {@code dtype} is written as. */
    public static SafeTensorsDType of(DType dtype) {
        return switch (dtype) {
            case BOOL -> BOOL;
            case INT32 -> I32;
            case INT64 -> I64;
            case FLOAT32 -> F32;
            case FLOAT64 -> F64;
        };
    }

    /** The names of the loadable types, for error messages. */
    static String loadableNames() {
        return Arrays.stream(values()).filter(t -> t.loadsAs != null).map(Enum::name).collect(Collectors.joining(", "));
    }
}
