package dev.ithaca.nn.loss;

import dev.ithaca.tensor.Tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * Shape rules of the losses over a class dimension (NLLLoss, CrossEntropyLoss), as PyTorch's:
 * input {@code [N, C]} or {@code [N, C, d1, ...]}, or unbatched {@code [C]}.
 */
final class ClassInputs {
    private ClassInputs() {
    }

    /** Checks the input and returns its number of classes. */
    static long requireClassInput(String loss, Tensor input) {
        LossChecks.requireFloating(loss, "input", input);
        if (input.dim() == 0) {
            throw new IllegalArgumentException(loss + ": input needs a class dimension: shape [C], [N, C] or [N, C, d1, ...],"
                    + " got a 0-dimensional tensor");
        }
        return input.size(input.dim() == 1 ? 0 : 1);
    }

    /** Class indices: integral, and shaped as the input without its class dim ([] for unbatched input). */
    static void requireIndexTarget(String loss, Tensor input, Tensor target) {
        Objects.requireNonNull(target, () -> loss + ": target must not be null");
        if (!target.dtype().isIntegral()) {
            throw new IllegalArgumentException(loss + ": target must hold class indices (INT64 or INT32), got " + target.dtype());
        }
        long[] expected = withoutClassDim(input.shape());
        if (!Arrays.equals(target.shape(), expected)) {
            throw new IllegalArgumentException(loss + ": class-index target shape " + Arrays.toString(target.shape())
                    + " does not match input shape " + Arrays.toString(input.shape()) + "; expected target shape "
                    + Arrays.toString(expected) + " (the input's shape without its class dimension)");
        }
        LossChecks.requireSameDevice(loss, "target", target, input);
    }

    static void requireWeightLength(String loss, Tensor weight, long classes) {
        if (weight != null && weight.size(0) != classes) {
            throw new IllegalArgumentException(loss + ": weight has " + weight.size(0) + " elements but the input has "
                    + classes + " classes; it needs one weight per class");
        }
    }

    /** {@code weight} [C] in the input's dtype, shaped [1, C, 1, ...] to broadcast over a batched input. */
    static Tensor weightView(Tensor weight, Tensor input) {
        long[] shape = new long[input.dim()];
        Arrays.fill(shape, 1);
        shape[1] = weight.size(0);
        try (Tensor cast = weight.to(input.dtype())) {
            return cast.reshape(shape);
        }
    }

    /** PyTorch's unbatched form: input [C] (target [] or [C]) runs as a batch of one. */
    static Tensor asBatchOfOne(Loss batched, Tensor input, Tensor target, Reduction reduction) {
        try (Tensor in = input.unsqueeze(0); Tensor tg = target.unsqueeze(0)) {
            Tensor out = batched.forward(in, tg);
            if (reduction != Reduction.NONE) {
                return out;
            }
            try (out) {
                return out.squeeze(0);
            }
        }
    }

    private static long[] withoutClassDim(long[] shape) {
        if (shape.length == 1) {
            return new long[0];
        }
        long[] out = new long[shape.length - 1];
        out[0] = shape[0];
        System.arraycopy(shape, 2, out, 1, shape.length - 2);
        return out;
    }
}
