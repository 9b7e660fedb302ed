package dev.ithaca.backend.cuda;

import dev.ithaca.tensor.DType;

/**
 * Java primitive arrays as the {@link dev.ithaca.spi.Backend} copy methods take them: the element
 * type each dtype uses, and bulk copies between an array slice and native memory.
 */
final class HostArrays {
    private HostArrays() {
    }

    /** Rejects an array whose element type does not hold {@code dtype} or that is shorter than {@code elements}. */
    static void check(String op, Object array, DType dtype, long elements) {
        Class<?> expected = switch (dtype) {
            case FLOAT32 -> float[].class;
            case FLOAT64 -> double[].class;
            case INT32 -> int[].class;
            case INT64 -> long[].class;
            case BOOL -> boolean[].class;
        };
        if (array == null || array.getClass() != expected) {
            throw new IllegalArgumentException(op + ": a " + dtype + " tensor needs a " + expected.getSimpleName() + ", got "
                    + (array == null ? "null" : array.getClass().getSimpleName()));
        }
        int length = java.lang.reflect.Array.getLength(array);
        if (length < elements) {
            throw new IllegalArgumentException(op + ": the array holds " + length + " elements, the tensor " + elements);
        }
    }

    /** Copies {@code count} elements of {@code array} from index {@code from} to native memory at {@code address}. */
    static void copyIn(Object array, int from, int count, long address) {
        if (array instanceof float[] a) {
            DevicePointers.floats(address).put(a, from, count);
        } else if (array instanceof double[] a) {
            DevicePointers.doubles(address).put(a, from, count);
        } else if (array instanceof int[] a) {
            DevicePointers.ints(address).put(a, from, count);
        } else if (array instanceof long[] a) {
            DevicePointers.longs(address).put(a, from, count);
        } else if (array instanceof boolean[] a) {
            DevicePointers.booleans(address).put(a, from, count);
        } else {
            throw new IllegalArgumentException("unsupported host array " + array.getClass().getSimpleName());
        }
    }

    /** Copies {@code count} elements from native memory at {@code address} into {@code array} from index {@code from}. */
    static void copyOut(long address, Object array, int from, int count) {
        if (array instanceof float[] a) {
            DevicePointers.floats(address).get(a, from, count);
        } else if (array instanceof double[] a) {
            DevicePointers.doubles(address).get(a, from, count);
        } else if (array instanceof int[] a) {
            DevicePointers.ints(address).get(a, from, count);
        } else if (array instanceof long[] a) {
            DevicePointers.longs(address).get(a, from, count);
        } else if (array instanceof boolean[] a) {
            DevicePointers.booleans(address).get(a, from, count);
        } else {
            throw new IllegalArgumentException("unsupported host array " + array.getClass().getSimpleName());
        }
    }
}
