package dev.ithaca.backend.cpu;

import dev.ithaca.tensor.DType;
import sun.misc.Unsafe;

import java.lang.reflect.Field;

/**
 * Raw loads and stores on off-heap addresses. JavaCPP's own indexers use the same mechanism;
 * going direct keeps the kernels' inner loops free of bounds checks and object allocation.
 * Callers guarantee every address lies inside a live storage block.
 */
final class NativeMemory {
    static final Unsafe U = loadUnsafe();

    private NativeMemory() {
    }

    private static Unsafe loadUnsafe() {
        try {
            Field field = Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (Unsafe) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Reads one element as a double (BOOL as 0/1). */
    static double get(DType dtype, long address) {
        return switch (dtype) {
            case FLOAT32 -> U.getFloat(address);
            case FLOAT64 -> U.getDouble(address);
            case INT32 -> U.getInt(address);
            case INT64 -> U.getLong(address);
            case BOOL -> U.getByte(address) != 0 ? 1 : 0;
        };
    }

    /** Writes one element from a double; integers truncate toward zero, BOOL stores value != 0. */
    static void put(DType dtype, long address, double value) {
        switch (dtype) {
            case FLOAT32 -> U.putFloat(address, (float) value);
            case FLOAT64 -> U.putDouble(address, value);
            case INT32 -> U.putInt(address, (int) value);
            case INT64 -> U.putLong(address, (long) value);
            case BOOL -> U.putByte(address, value != 0 ? (byte) 1 : (byte) 0);
        }
    }

    /** Reads an integral or BOOL element exactly. */
    static long getLong(DType dtype, long address) {
        return switch (dtype) {
            case INT32 -> U.getInt(address);
            case INT64 -> U.getLong(address);
            case BOOL -> U.getByte(address) != 0 ? 1 : 0;
            case FLOAT32 -> (long) U.getFloat(address);
            case FLOAT64 -> (long) U.getDouble(address);
        };
    }

    static void putLong(DType dtype, long address, long value) {
        switch (dtype) {
            case INT32 -> U.putInt(address, (int) value);
            case INT64 -> U.putLong(address, value);
            case BOOL -> U.putByte(address, value != 0 ? (byte) 1 : (byte) 0);
            case FLOAT32 -> U.putFloat(address, value);
            case FLOAT64 -> U.putDouble(address, value);
        }
    }

    /** Copies one element of {@code size} bytes without interpreting it. */
    static void copyElement(long from, long to, int size) {
        switch (size) {
            case 8 -> U.putLong(to, U.getLong(from));
            case 4 -> U.putInt(to, U.getInt(from));
            default -> U.putByte(to, U.getByte(from));
        }
    }

    /** Array base offset for copying a Java primitive array of the dtype's element type. */
    static long arrayBase(Object array) {
        return U.arrayBaseOffset(array.getClass());
    }
}
