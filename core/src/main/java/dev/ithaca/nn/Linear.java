package dev.ithaca.nn;

import dev.ithaca.nn.init.FanMode;
import dev.ithaca.nn.init.Init;
import dev.ithaca.nn.init.Nonlinearity;
import dev.ithaca.random.Generator;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code y = x Wᵀ + b} over the last dimension, as {@code nn.Linear}: weight {@code [out, in]},
 * bias {@code [out]}. Initialized as PyTorch does: weight Kaiming-uniform with {@code a = sqrt(5)}
 * (that is U(-1/sqrt(in), 1/sqrt(in))), bias U(-1/sqrt(in), 1/sqrt(in)).
 */
public final class Linear extends Module {
    private final int inFeatures;
    private final int outFeatures;
    private final boolean bias;

    /** With a bias and an unseeded generator. */
    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true, null);
    }

    public Linear(int inFeatures, int outFeatures, boolean bias) {
        this(inFeatures, outFeatures, bias, null);
    }

    /** With a bias, initialized from {@code generator}. */
    public Linear(int inFeatures, int outFeatures, Generator generator) {
        this(inFeatures, outFeatures, true, Objects.requireNonNull(generator, "generator"));
    }

    /** {@code generator} may be null for an unseeded initialization. */
    public Linear(int inFeatures, int outFeatures, boolean bias, Generator generator) {
        this.inFeatures = Checks.atLeast("Linear", "inFeatures", inFeatures, 1);
        this.outFeatures = Checks.atLeast("Linear", "outFeatures", outFeatures, 1);
        this.bias = bias;
        Generator g = generator != null ? generator : Generators.unseeded("Linear");
        Parameter weight = createParameter("weight", DType.FLOAT32, outFeatures, inFeatures);
        Init.kaimingUniform(weight, Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, g);
        if (bias) {
            double bound = 1 / Math.sqrt(inFeatures);
            Init.uniform(createParameter("bias", DType.FLOAT32, outFeatures), -bound, bound, g);
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() == 0 || input.size(-1) != inFeatures) {
            throw new IllegalArgumentException("Linear(" + inFeatures + " -> " + outFeatures + "): input of shape "
                    + Arrays.toString(input.shape()) + " must have " + inFeatures + " features in its last dimension");
        }
        Checks.floating("Linear", input);
        try (Tensor transposed = weight().t()) {
            Tensor product = input.matmul(transposed);
            if (!bias) {
                return product;
            }
            try (product) {
                return product.add(parameter("bias"));
            }
        }
    }

    public Parameter weight() {
        return parameter("weight");
    }

    /** The bias, or empty when built with {@code bias = false}. */
    public Optional<Parameter> bias() {
        return bias ? Optional.of(parameter("bias")) : Optional.empty();
    }

    public int inFeatures() {
        return inFeatures;
    }

    public int outFeatures() {
        return outFeatures;
    }

    @Override
    protected String extraRepr() {
        return "inFeatures=" + inFeatures + ", outFeatures=" + outFeatures + ", bias=" + bias;
    }
}
