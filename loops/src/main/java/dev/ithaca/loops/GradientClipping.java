package dev.ithaca.loops;

import dev.ithaca.nn.Parameter;
import dev.ithaca.train.GradClipping;

import java.util.List;

/**
 * How gradients are clipped before each optimizer step, as Lightning's {@code gradient_clip_val}
 * with {@code gradient_clip_algorithm} "norm" or "value": with PyTorch's {@code clip_grad_norm_}
 * (all gradients scaled together so their total norm is at most {@code limit}) or
 * {@code clip_grad_value_} (each element clamped into {@code [-limit, limit]}).
 *
 * @param byNorm   true for norm clipping, false for value clipping
 * @param limit    the maximum norm, or the largest absolute gradient value
 * @param normType the norm's order for norm clipping (2 by default, +infinity for the max norm)
 */
record GradientClipping(boolean byNorm, double limit, double normType) {

    static GradientClipping norm(double maxNorm, double normType) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("Trainer: gradientClipNorm maxNorm must be finite and > 0, got " + maxNorm);
        }
        if (!(normType > 0)) {
            throw new IllegalArgumentException("Trainer: gradientClipNorm normType must be > 0 or +infinity, got " + normType);
        }
        return new GradientClipping(true, maxNorm, normType);
    }

    static GradientClipping value(double clipValue) {
        if (!(clipValue > 0) || Double.isInfinite(clipValue)) {
            throw new IllegalArgumentException("Trainer: gradientClipValue must be finite and > 0, got " + clipValue);
        }
        return new GradientClipping(false, clipValue, Double.NaN);
    }

    /** Clips the gradients of {@code parameters} in place; parameters without a gradient are skipped. */
    void apply(List<Parameter> parameters) {
        if (byNorm) {
            GradClipping.clipGradNorm(parameters, limit, normType, false);
        } else {
            GradClipping.clipGradValue(parameters, limit);
        }
    }

    @Override
    public String toString() {
        return byNorm ? "norm(maxNorm=" + limit + ", normType=" + normType + ")" : "value(" + limit + ")";
    }
}
