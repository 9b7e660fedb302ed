package dev.ithaca.train;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.memory.Scope;
import dev.ithaca.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Gradient clipping with PyTorch's semantics ({@code torch.nn.utils.clip_grad_norm_} and
 * {@code clip_grad_value_}), in place on the gradients of the given tensors; tensors without a
 * gradient are skipped. It lives in core, next to {@link LossChecks}, so training loops and
 * optimizers share it without depending on each other.
 */
public final class GradClipping {
    private GradClipping() {
    }

    /** {@link #clipGradNorm(Iterable, double, double, boolean)} with the 2-norm, not failing on non-finite norms. */
    public static double clipGradNorm(Iterable<? extends Tensor> params, double maxNorm) {
        return clipGradNorm(params, maxNorm, 2.0, false);
    }

    /** {@link #clipGradNorm(Iterable, double, double, boolean)}, not failing on non-finite norms. */
    public static double clipGradNorm(Iterable<? extends Tensor> params, double maxNorm, double normType) {
        return clipGradNorm(params, maxNorm, normType, false);
    }

    /**
     * Scales all gradients together so their total norm is at most {@code maxNorm}, and returns the
     * total norm before clipping. The total is the {@code normType}-norm of the per-gradient norms
     * (their maximum for {@code normType = +inf}); every gradient is multiplied by
     * {@code min(1, maxNorm / (total + 1e-6))}. A NaN or infinite total throws when
     * {@code errorIfNonfinite}, and otherwise scales the gradients by that non-finite coefficient,
     * as PyTorch does. Returns 0 when no tensor has a gradient.
     *
     * @param normType p > 0, or {@link Double#POSITIVE_INFINITY}
     */
    public static double clipGradNorm(Iterable<? extends Tensor> params, double maxNorm, double normType, boolean errorIfNonfinite) {
        Objects.requireNonNull(params, "params");
        if (!(normType > 0)) {
            throw new IllegalArgumentException("clipGradNorm: normType must be > 0 or +infinity, got " + normType);
        }
        if (Double.isNaN(maxNorm)) {
            throw new IllegalArgumentException("clipGradNorm: maxNorm must be a number, got " + maxNorm);
        }
        List<Tensor> grads = gradients(params);
        if (grads.isEmpty()) {
            return 0.0;
        }
        boolean inf = normType == Double.POSITIVE_INFINITY;
        double total = 0;
        try (Scope scope = Scope.open(); NoGrad ignored = NoGrad.enter()) {
            for (Tensor g : grads) {
                double norm = norm(g, normType);
                total = inf ? Math.max(total, norm) : total + Math.pow(norm, normType);  // Math.max keeps NaN
            }
            if (!inf) {
                total = Math.pow(total, 1 / normType);
            }
            if (errorIfNonfinite && !Double.isFinite(total)) {
                throw new IllegalStateException("clipGradNorm: the total norm of order " + normType + " for gradients is non-finite ("
                        + total + "), so it cannot be clipped. To scale the gradients by the non-finite norm anyway,"
                        + " pass errorIfNonfinite = false");
            }
            double coefficient = Math.min(maxNorm / (total + 1e-6), 1.0);  // NaN stays NaN, as torch.clamp keeps it
            if (coefficient != 1.0) {
                for (Tensor g : grads) {
                    g.copyFrom(g.mul(coefficient));
                }
            }
        }
        return total;
    }

    /** Clamps every gradient element into {@code [-clipValue, clipValue]}. */
    public static void clipGradValue(Iterable<? extends Tensor> params, double clipValue) {
        Objects.requireNonNull(params, "params");
        if (!(clipValue >= 0)) {
            throw new IllegalArgumentException("clipGradValue: clipValue must be >= 0, got " + clipValue);
        }
        try (Scope scope = Scope.open(); NoGrad ignored = NoGrad.enter()) {
            for (Tensor g : gradients(params)) {
                g.copyFrom(g.clamp(-clipValue, clipValue));
            }
        }
    }

    private static List<Tensor> gradients(Iterable<? extends Tensor> params) {
        List<Tensor> grads = new ArrayList<>();
        for (Tensor p : params) {
            Objects.requireNonNull(p, "params contains null");
            Tensor g = p.grad();
            if (g != null && g.numel() > 0) {
                grads.add(g);
            }
        }
        return grads;
    }

    /** The gradient's {@code p}-norm, accumulated by the backend's reductions (double accumulators on CPU). */
    private static double norm(Tensor g, double p) {
        if (p == Double.POSITIVE_INFINITY) {
            return g.abs().max().item();
        }
        if (p == 1) {
            return g.abs().sum().item();
        }
        if (p == 2) {
            return Math.sqrt(g.square().sum().item());
        }
        return Math.pow(g.abs().pow(p).sum().item(), 1 / p);
    }
}
