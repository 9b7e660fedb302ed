package dev.ithaca.train;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.memory.Scope;
import dev.ithaca.tensor.Tensor;

import java.util.Objects;

/** Checks on loss values before they are backpropagated or stepped on. */
public final class LossChecks {
    private LossChecks() {
    }

    /** True when every element of {@code loss} is finite (no NaN, no infinity); a skipped step beats a ruined model. */
    public static boolean isValidLoss(Tensor loss) {
        Objects.requireNonNull(loss, "loss");
        if (!loss.dtype().isFloatingPoint()) {
            return true;
        }
        if (loss.numel() == 1) {
            return Double.isFinite(loss.item());
        }
        // x - x is 0 for every finite x and NaN for NaN or ±inf: one number leaves the device, not the tensor
        try (Scope scope = Scope.open(); NoGrad ignored = NoGrad.enter()) {
            return Double.isFinite(loss.sub(loss).sum().item());
        }
    }

    /** {@link #isValidLoss(Tensor)} for a loss already read out as a number. */
    public static boolean isValidLoss(double loss) {
        return Double.isFinite(loss);
    }
}
