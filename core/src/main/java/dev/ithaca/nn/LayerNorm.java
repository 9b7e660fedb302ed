package dev.ithaca.nn;

import dev.ithaca.nn.init.Init;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;

import java.util.Arrays;
import java.util.Optional;

/**
 * Normalizes over the last dimensions, as {@code nn.LayerNorm}:
 * {@code y = (x - mean) / sqrt(var + eps) * weight + bias}, with the biased variance over
 * {@code normalizedShape}. Weight starts at 1 and bias at 0.
 */
public final class LayerNorm extends Module {
    private final long[] normalizedShape;
    private final double eps;
    private final boolean elementwiseAffine;
    private final boolean bias;

    /** eps 1e-5 with a learnable weight and bias. */
    public LayerNorm(long... normalizedShape) {
        this(normalizedShape, 1e-5, true, true);
    }

    public LayerNorm(long[] normalizedShape, double eps, boolean elementwiseAffine) {
        this(normalizedShape, eps, elementwiseAffine, true);
    }

    /** {@code bias} matters only with {@code elementwiseAffine}: false keeps the weight but drops the bias. */
    public LayerNorm(long[] normalizedShape, double eps, boolean elementwiseAffine, boolean bias) {
        if (normalizedShape == null || normalizedShape.length == 0) {
            throw new IllegalArgumentException("LayerNorm: normalizedShape must name at least one dimension, got "
                    + Arrays.toString(normalizedShape));
        }
        for (long size : normalizedShape) {
            if (size < 1) {
                throw new IllegalArgumentException("LayerNorm: every size of normalizedShape must be >= 1, got "
                        + Arrays.toString(normalizedShape));
            }
        }
        this.normalizedShape = normalizedShape.clone();
        this.eps = Checks.positiveFinite("LayerNorm", "eps", eps);
        this.elementwiseAffine = elementwiseAffine;
        this.bias = elementwiseAffine && bias;
        if (elementwiseAffine) {
            Init.ones(createParameter("weight", DType.FLOAT32, normalizedShape));
            if (this.bias) {
                createParameter("bias", DType.FLOAT32, normalizedShape);
            }
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        Checks.floating("LayerNorm", input);
        int k = normalizedShape.length;
        long[] shape = input.shape();
        if (shape.length < k || !Arrays.equals(Arrays.copyOfRange(shape, shape.length - k, shape.length), normalizedShape)) {
            throw new IllegalArgumentException("LayerNorm: input of shape " + Arrays.toString(shape)
                    + " must end with normalizedShape " + Arrays.toString(normalizedShape));
        }
        int[] dims = new int[k];
        for (int i = 0; i < k; i++) {
            dims[i] = shape.length - k + i;
        }
        try (Tensor mean = input.mean(dims, true);
             Tensor centered = input.sub(mean);
             Tensor squares = centered.square();
             Tensor variance = squares.mean(dims, true);
             Tensor shifted = variance.add(eps);
             Tensor inverseStd = shifted.rsqrt()) {
            Tensor normalized = centered.mul(inverseStd);
            if (!elementwiseAffine) {
                return normalized;
            }
            try (normalized) {
                Tensor scaled = normalized.mul(parameter("weight"));
                if (!bias) {
                    return scaled;
                }
                try (scaled) {
                    return scaled.add(parameter("bias"));
                }
            }
        }
    }

    public long[] normalizedShape() {
        return normalizedShape.clone();
    }

    public double eps() {
        return eps;
    }

    /** The weight, or empty without elementwise affine. */
    public Optional<Parameter> weight() {
        return elementwiseAffine ? Optional.of(parameter("weight")) : Optional.empty();
    }

    public Optional<Parameter> bias() {
        return bias ? Optional.of(parameter("bias")) : Optional.empty();
    }

    @Override
    protected String extraRepr() {
        return "normalizedShape=" + Arrays.toString(normalizedShape) + ", eps=" + eps
                + ", elementwiseAffine=" + elementwiseAffine + ", bias=" + bias;
    }
}
