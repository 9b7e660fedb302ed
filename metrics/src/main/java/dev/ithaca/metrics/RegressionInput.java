package dev.ithaca.metrics;

import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;

import java.util.Arrays;

/** Checks a regression batch and gives predictions minus targets in FLOAT64, flattened. */
final class RegressionInput {
    private RegressionInput() {
    }

    static Tensor difference(String metric, Tensor predictions, Tensor targets) {
        if (targets == null) {
            throw new IllegalArgumentException(metric + ": targets must not be null");
        }
        if (!Arrays.equals(predictions.shape(), targets.shape())) {
            throw new IllegalArgumentException(metric + ": predictions " + predictions.describe() + " and targets "
                    + targets.describe() + " must have the same shape");
        }
        requireNumeric(metric, "predictions", predictions);
        requireNumeric(metric, "targets", targets);
        return predictions.to(DType.FLOAT64).sub(targets.to(DType.FLOAT64)).reshape(-1);
    }

    private static void requireNumeric(String metric, String what, Tensor t) {
        if (t.dtype() == DType.BOOL) {
            throw new IllegalArgumentException(metric + ": " + what + " must be numeric, got " + t.describe());
        }
    }
}
