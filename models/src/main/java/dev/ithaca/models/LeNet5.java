package dev.ithaca.models;

import dev.ithaca.nn.Conv2d;
import dev.ithaca.nn.Linear;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.Sequential;
import dev.ithaca.random.Generator;
import dev.ithaca.tensor.Tensor;

import java.util.Objects;

/**
 * LeCun's LeNet-5 in the layout of the common PyTorch version:
 * {@code conv 5x5 (inChannels -> 6) -> act -> pool 2x2 -> conv 5x5 (6 -> 16) -> act -> pool 2x2 -> flatten
 * -> 400 -> 120 -> act -> 84 -> act -> numClasses}. For 28x28 inputs (MNIST, Fashion-MNIST) the first
 * convolution pads by 2, so both input sizes reach the classic 16x5x5 = 400 features; for the original
 * 32x32 it does not pad.
 *
 * <p>Parameter names: {@code features.0} and {@code features.3} are the convolutions, {@code classifier.0},
 * {@code classifier.2} and {@code classifier.4} the linear layers (each with {@code .weight} and {@code .bias}).
 * With one input channel and 10 classes it has 61,706 parameters.
 */
public final class LeNet5 extends Module {
    private static final String NAME = "LeNet5";
    /** Features after the second pooling: 16 channels of 5x5. */
    private static final int FLAT_FEATURES = 16 * 5 * 5;

    private final int inChannels;
    private final int numClasses;
    private final int inputSize;
    private final Activation activation;
    private final Pooling pooling;
    private final Sequential features;
    private final Sequential classifier;

    private LeNet5(Builder b) {
        this.inChannels = Checks.atLeast(NAME, "inChannels", b.inChannels, 1);
        this.numClasses = Checks.atLeast(NAME, "numClasses", b.numClasses, 1);
        if (b.inputSize != 28 && b.inputSize != 32) {
            throw new IllegalArgumentException(NAME + ": inputSize must be 28 (padded first convolution, e.g. MNIST) or 32"
                    + " (the original layout), got " + b.inputSize);
        }
        this.inputSize = b.inputSize;
        this.activation = Objects.requireNonNull(b.activation, "LeNet5: activation must not be null");
        this.pooling = Objects.requireNonNull(b.pooling, "LeNet5: pooling must not be null");
        Generator g = b.generator;
        int padding = inputSize == 28 ? 2 : 0;
        this.features = registerModule("features", new Sequential(
                new Conv2d(inChannels, 6, 5, 1, padding, 1, 1, true, g),
                activation.create(),
                pooling.create(2),
                new Conv2d(6, 16, 5, 1, 0, 1, 1, true, g),
                activation.create(),
                pooling.create(2)));
        this.classifier = registerModule("classifier", new Sequential(
                new Linear(FLAT_FEATURES, 120, true, g),
                activation.create(),
                new Linear(120, 84, true, g),
                activation.create(),
                new Linear(84, numClasses, true, g)));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Logits {@code [N, numClasses]} for images {@code [N, inChannels, inputSize, inputSize]}. */
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "input");
        if (input.dim() != 4 || input.size(1) != inChannels || input.size(2) != inputSize || input.size(3) != inputSize) {
            throw new IllegalArgumentException(NAME + ": expected images [N, " + inChannels + ", " + inputSize + ", "
                    + inputSize + "], got shape " + Checks.shape(input)
                    + (input.dim() == 4 && input.size(2) != inputSize && (input.size(2) == 28 || input.size(2) == 32)
                    ? "; build the model with inputSize(" + input.size(2) + ") for these images" : ""));
        }
        Checks.floating(NAME, input);
        try (Tensor maps = Chain.forward(features, input); Tensor flat = maps.flatten(1, -1)) {
            return Chain.forward(classifier, flat);
        }
    }

    public int inChannels() {
        return inChannels;
    }

    public int numClasses() {
        return numClasses;
    }

    /** Height and width of the expected images: 28 or 32. */
    public int inputSize() {
        return inputSize;
    }

    public Activation activation() {
        return activation;
    }

    public Pooling pooling() {
        return pooling;
    }

    @Override
    protected String extraRepr() {
        return "inChannels=" + inChannels + ", numClasses=" + numClasses + ", inputSize=" + inputSize
                + ", activation=" + activation + ", pooling=" + pooling;
    }

    /** Options of a {@link LeNet5}; every one has a default (1 channel, 10 classes, 28x28, ReLU, max pooling). */
    public static final class Builder {
        private int inChannels = 1;
        private int numClasses = 10;
        private int inputSize = 28;
        private Activation activation = Activation.RELU;
        private Pooling pooling = Pooling.MAX;
        private Generator generator;

        private Builder() {
        }

        public Builder inChannels(int inChannels) {
            this.inChannels = inChannels;
            return this;
        }

        public Builder numClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /** 28 (the first convolution pads by 2; the default) or 32 (no padding, LeCun's original input). */
        public Builder inputSize(int inputSize) {
            this.inputSize = inputSize;
            return this;
        }

        /** After every convolution and hidden linear layer: ReLU by default, TANH as in the 1998 paper. */
        public Builder activation(Activation activation) {
            this.activation = activation;
            return this;
        }

        /** MAX (default) or AVG 2x2 pooling after each convolution stage. */
        public Builder pooling(Pooling pooling) {
            this.pooling = pooling;
            return this;
        }

        /** Initializes the weights from {@code new Generator(seed)}. */
        public Builder seed(long seed) {
            this.generator = new Generator(seed);
            return this;
        }

        /** Initializes the weights from {@code generator}; null (the default) for unseeded. */
        public Builder generator(Generator generator) {
            this.generator = generator;
            return this;
        }

        public LeNet5 build() {
            return new LeNet5(this);
        }
    }
}
