package dev.ithaca.nn;

import dev.ithaca.tensor.Tensor;

import java.util.Arrays;

/** Constructor and input preconditions whose messages name the layer, the argument, the bad value and what is valid. */
final class Checks {
    private Checks() {
    }

    static int atLeast(String layer, String argument, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(layer + ": " + argument + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    static double probability(String layer, String argument, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(layer + ": " + argument + " must be a probability in [0, 1], got " + value);
        }
        return value;
    }

    static double positiveFinite(String layer, String argument, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(layer + ": " + argument + " must be positive and finite, got " + value);
        }
        return value;
    }

    static int divides(String layer, String argument, int value, String divisorName, int divisor) {
        if (value % divisor != 0) {
            throw new IllegalArgumentException(layer + ": " + argument + " (" + value + ") must be divisible by "
                    + divisorName + " (" + divisor + ")");
        }
        return value;
    }

    static void rank(String layer, Tensor x, int rank, String layout) {
        if (x.dim() != rank) {
            throw new IllegalArgumentException(layer + ": expected a " + rank + "-D input " + layout + ", got shape "
                    + Arrays.toString(x.shape()));
        }
    }

    static void floating(String layer, Tensor x) {
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(layer + ": needs a floating-point input, got " + x.dtype()
                    + "; convert it with x.to(DType.FLOAT32)");
        }
    }
}
