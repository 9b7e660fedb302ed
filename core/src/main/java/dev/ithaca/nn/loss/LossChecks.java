package dev.ithaca.nn.loss;

import dev.ithaca.tensor.Shapes;
import dev.ithaca.tensor.Tensor;

import java.util.Arrays;
import java.util.Objects;

/** Preconditions shared by the losses; every message names the loss, the argument and the bad value. */
final class LossChecks {
    private LossChecks() {
    }

    static Reduction reduction(String loss, Reduction reduction) {
        return Objects.requireNonNull(reduction, () -> loss + ": reduction must not be null (use Reduction.NONE for none)");
    }

    static void requireFloating(String loss, String argument, Tensor t) {
        Objects.requireNonNull(t, () -> loss + ": " + argument + " must not be null");
        if (!t.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(loss + ": " + argument + " must be floating point (FLOAT32 or FLOAT64), got "
                    + t.dtype() + "; convert with .to(DType.FLOAT32)");
        }
    }

    /** Input and target of an elementwise loss: both floating point, the same shape, on one device. */
    static void requireElementwisePair(String loss, Tensor input, Tensor target) {
        requireFloating(loss, "input", input);
        requireFloating(loss, "target", target);
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException(loss + ": target shape " + Arrays.toString(target.shape())
                    + " must match input shape " + Arrays.toString(input.shape()));
        }
        requireSameDevice(loss, "target", target, input);
    }

    static void requireSameDevice(String loss, String argument, Tensor t, Tensor input) {
        if (!t.device().equals(input.device())) {
            throw new IllegalArgumentException(loss + ": " + argument + " is on " + t.device() + " but input is on "
                    + input.device() + "; move it with .to(device)");
        }
    }

    /** {@code t} broadcasts to exactly {@code shape} (it may be smaller, never larger). */
    static void requireBroadcastsTo(String loss, String argument, Tensor t, long[] shape) {
        long[] result;
        try {
            result = Shapes.broadcast(loss, t.shape(), shape);
        } catch (IllegalArgumentException e) {
            result = null;
        }
        if (result == null || !Arrays.equals(result, shape)) {
            throw new IllegalArgumentException(loss + ": " + argument + " shape " + Arrays.toString(t.shape())
                    + " must broadcast to the input shape " + Arrays.toString(shape));
        }
    }

    /** A per-class weight at construction: 1-D and floating point (its length is checked per call). */
    static Tensor classWeight(String loss, Tensor weight) {
        if (weight != null) {
            requireFloating(loss, "weight", weight);
            if (weight.dim() != 1) {
                throw new IllegalArgumentException(loss + ": weight must be 1-D (one value per class), got shape "
                        + Arrays.toString(weight.shape()));
            }
        }
        return weight;
    }
}
