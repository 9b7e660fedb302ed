package dev.ithaca.nn.init;

/**
 * The activation a layer feeds, for choosing an initialization gain as
 * {@code torch.nn.init.calculate_gain} does.
 */
public enum Nonlinearity {
    LINEAR,
    CONV1D,
    CONV2D,
    CONV3D,
    CONV_TRANSPOSE1D,
    CONV_TRANSPOSE2D,
    CONV_TRANSPOSE3D,
    SIGMOID,
    TANH,
    RELU,
    /** Takes the negative slope as its parameter (0.01 when none is given). */
    LEAKY_RELU,
    SELU;

    /** PyTorch's default negative slope of leaky ReLU. */
    public static final double DEFAULT_NEGATIVE_SLOPE = 0.01;

    /** The recommended gain; {@code negativeSlope} matters only for {@link #LEAKY_RELU}. */
    public double gain(double negativeSlope) {
        return switch (this) {
            case LINEAR, CONV1D, CONV2D, CONV3D, CONV_TRANSPOSE1D, CONV_TRANSPOSE2D, CONV_TRANSPOSE3D, SIGMOID -> 1;
            case TANH -> 5.0 / 3;
            case RELU -> Math.sqrt(2);
            case LEAKY_RELU -> {
                if (Double.isNaN(negativeSlope) || Double.isInfinite(negativeSlope)) {
                    throw new IllegalArgumentException("gain: LEAKY_RELU negativeSlope must be finite, got " + negativeSlope);
                }
                yield Math.sqrt(2 / (1 + negativeSlope * negativeSlope));
            }
            // SELU keeps unit variance on its own; 3/4 is PyTorch's choice for self-normalizing networks
            case SELU -> 0.75;
        };
    }

    /** The recommended gain with the default parameter. */
    public double gain() {
        return gain(DEFAULT_NEGATIVE_SLOPE);
    }
}
