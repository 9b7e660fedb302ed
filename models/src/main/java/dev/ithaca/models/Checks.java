package dev.ithaca.models;

import dev.ithaca.tensor.Tensor;

import java.util.Arrays;

/** Preconditions whose messages name the model, the argument, the bad value and what is valid. */
final class Checks {
    private Checks() {
    }

    static int atLeast(String owner, String argument, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(owner + ": " + argument + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    /** A dropout probability: in [0, 1) (1 would zero every activation, so nothing could be learned). */
    static double dropout(String owner, String argument, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(owner + ": " + argument + " must be in [0, 1), got " + value);
        }
        return value;
    }

    static void floating(String owner, Tensor input) {
        if (!input.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(owner + ": needs a floating-point input, got " + input.describe()
                    + "; convert it with x.to(DType.FLOAT32)");
        }
    }

    static String shape(Tensor t) {
        return Arrays.toString(t.shape());
    }
}
