package dev.ithaca.io;

import dev.ithaca.tensor.DType;

import java.nio.ByteBuffer;

/**
 * Converts between little-endian file bytes and the Java arrays a backend copies to and from
 * ({@code float[]} for FLOAT32, {@code double[]} FLOAT64, {@code int[]} INT32, {@code long[]}
 * INT64, {@code boolean[]} BOOL). Buffers passed in must be in little-endian order.
 */
final class ElementCodec {
    private ElementCodec() {
    }

    static Object newArray(DType dtype, int length) {
        return switch (dtype) {
            case FLOAT32 -> new float[length];
            case FLOAT64 -> new double[length];
            case INT32 -> new int[length];
            case INT64 -> new long[length];
            case BOOL -> new boolean[length];
        };
    }

    /** Reads {@code count} elements of {@code from} at the buffer's position into {@code array} (of the loaded type). */
    static void decode(SafeTensorsDType from, ByteBuffer src, Object array, int count) {
        switch (from) {
            case F32 -> src.asFloatBuffer().get((float[]) array, 0, count);
            case F64 -> src.asDoubleBuffer().get((double[]) array, 0, count);
            case I32 -> src.asIntBuffer().get((int[]) array, 0, count);
            case I64 -> src.asLongBuffer().get((long[]) array, 0, count);
            case BOOL -> {
                boolean[] out = (boolean[]) array;
                int base = src.position();
                for (int i = 0; i < count; i++) {
                    // numpy and torch read any non-zero byte as true
                    out[i] = src.get(base + i) != 0;
                }
            }
            case F16 -> {
                float[] out = (float[]) array;
                int base = src.position();
                for (int i = 0; i < count; i++) {
                    out[i] = HalfFloats.f16ToFloat(src.getShort(base + 2 * i));
                }
            }
            case BF16 -> {
                float[] out = (float[]) array;
                int base = src.position();
                for (int i = 0; i < count; i++) {
                    out[i] = HalfFloats.bf16ToFloat(src.getShort(base + 2 * i));
                }
            }
            default -> throw new IllegalArgumentException("decode: no conversion from " + from + " (loadable: "
                    + SafeTensorsDType.loadableNames() + ")");
        }
    }

    /**
     * Writes {@code count} elements of {@code array} (of {@code dtype}) to {@code dst} from position 0,
     * leaving the buffer ready to be written out: position 0, limit at the end of the data.
     */
    static void encode(DType dtype, Object array, int count, ByteBuffer dst) {
        dst.clear();
        switch (dtype) {
            case FLOAT32 -> dst.asFloatBuffer().put((float[]) array, 0, count);
            case FLOAT64 -> dst.asDoubleBuffer().put((double[]) array, 0, count);
            case INT32 -> dst.asIntBuffer().put((int[]) array, 0, count);
            case INT64 -> dst.asLongBuffer().put((long[]) array, 0, count);
            case BOOL -> {
                boolean[] in = (boolean[]) array;
                for (int i = 0; i < count; i++) {
                    dst.put(i, in[i] ? (byte) 1 : (byte) 0);
                }
            }
        }
        dst.limit(count * dtype.byteSize());
    }
}
