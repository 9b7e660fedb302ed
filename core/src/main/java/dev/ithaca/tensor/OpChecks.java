package dev.ithaca.tensor;

import java.util.Arrays;

/** Preconditions shared by the op classes; every message names the op and what would be valid. */
final class OpChecks {
    private OpChecks() {
    }

    /** All tensors alive and on the first one's backend. */
    static void sameBackend(String op, Tensor first, Tensor... others) {
        first.checkAlive(op);
        for (Tensor t : others) {
            t.checkAlive(op);
            if (t.backend() != first.backend()) {
                throw new IllegalArgumentException(op + ": tensors are on different devices (" + first.device() + " and "
                        + t.device() + "); move one with .to(device) first");
            }
        }
    }

    static void requireRank(String op, String name, Tensor t, int rank) {
        if (t.dim() != rank) {
            throw new IllegalArgumentException(op + ": " + name + " must have " + rank + " dimensions, got shape "
                    + Arrays.toString(t.shape()));
        }
    }

    static void requireFloating(String op, Tensor t) {
        if (!t.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": needs a floating-point tensor (FLOAT32 or FLOAT64), got "
                    + t.dtype() + "; convert with .to(DType.FLOAT32)");
        }
    }

    static void requireIndex(String op, Tensor index) {
        if (!index.dtype().isIntegral()) {
            throw new IllegalArgumentException(op + ": index must be INT64 or INT32, got " + index.dtype());
        }
    }

    static int checkedArrayLength(String op, long numel) {
        if (numel > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(op + ": " + numel + " elements do not fit in a Java array (max "
                    + (Integer.MAX_VALUE - 8) + ")");
        }
        return (int) numel;
    }
}
