package dev.ithaca.models;

import dev.ithaca.nn.Dropout;
import dev.ithaca.nn.Linear;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.Sequential;
import dev.ithaca.random.Generator;
import dev.ithaca.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A multi-layer perceptron: {@code Linear -> activation -> Dropout} per hidden width, then a final
 * {@code Linear} to the outputs (no activation: it returns logits). Inputs of rank 3 or more are
 * flattened from dimension 1, so images {@code [N, 1, 28, 28]} feed a {@code 784}-input MLP directly.
 *
 * <p>Parameter names: the layers live in one {@link Sequential} called {@code layers}, where each
 * hidden layer takes three slots (Linear, activation, Dropout; the Dropout is the identity when the
 * probability is 0). The {@code i}-th Linear is therefore always {@code layers.(3i)}, whatever the
 * activation or dropout: {@code layers.0.weight}, {@code layers.0.bias}, {@code layers.3.weight}, ...
 * up to {@code layers.(3h).weight} for the output layer of an MLP with {@code h} hidden layers.
 */
public final class Mlp extends Module {
    private static final String NAME = "Mlp";

    private final int inputFeatures;
    private final List<Integer> hiddenWidths;
    private final int outputFeatures;
    private final Activation activation;
    private final double dropout;
    private final boolean bias;
    private final Sequential layers;
    private final List<Linear> linears;

    private Mlp(Builder b) {
        this.inputFeatures = Checks.atLeast(NAME, "inputFeatures", b.inputFeatures, 1);
        this.outputFeatures = Checks.atLeast(NAME, "outputFeatures", b.outputFeatures, 1);
        for (int i = 0; i < b.hiddenWidths.size(); i++) {
            Checks.atLeast(NAME, "hiddenWidths[" + i + "]", b.hiddenWidths.get(i), 1);
        }
        this.hiddenWidths = List.copyOf(b.hiddenWidths);
        this.activation = Objects.requireNonNull(b.activation, "Mlp: activation must not be null");
        this.dropout = Checks.dropout(NAME, "dropout", b.dropout);
        this.bias = b.bias;
        // one generator initializes every layer in order and then draws the dropout masks; null means unseeded
        Generator g = b.generator;
        List<Module> modules = new ArrayList<>();
        List<Linear> created = new ArrayList<>();
        int width = inputFeatures;
        for (int hidden : hiddenWidths) {
            Linear linear = new Linear(width, hidden, bias, g);
            created.add(linear);
            modules.add(linear);
            modules.add(activation.create());
            modules.add(new Dropout(dropout, g));
            width = hidden;
        }
        Linear output = new Linear(width, outputFeatures, bias, g);
        created.add(output);
        modules.add(output);
        this.linears = List.copyOf(created);
        this.layers = registerModule("layers", new Sequential(modules));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Logits {@code [N, outputFeatures]} for an input {@code [N, inputFeatures]} or {@code [N, d1, d2, ...]}
     * whose trailing sizes multiply to {@code inputFeatures}.
     */
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "input");
        if (input.dim() < 2) {
            throw new IllegalArgumentException(NAME + ": expected a batch [N, " + inputFeatures + "] or [N, d1, d2, ...],"
                    + " got shape " + Checks.shape(input) + "; add a batch dimension with x.unsqueeze(0)");
        }
        Checks.floating(NAME, input);
        if (flatSize(input) != inputFeatures) {
            throw new IllegalArgumentException(NAME + ": input of shape " + Checks.shape(input) + " has "
                    + flatSize(input) + " features per sample after flattening from dim 1, expected inputFeatures="
                    + inputFeatures);
        }
        if (input.dim() == 2) {
            return Chain.forward(layers, input);
        }
        try (Tensor flat = input.flatten(1, -1)) {
            return Chain.forward(layers, flat);
        }
    }

    private static long flatSize(Tensor input) {
        long size = 1;
        for (int d = 1; d < input.dim(); d++) {
            size *= input.size(d);
        }
        return size;
    }

    public int inputFeatures() {
        return inputFeatures;
    }

    public List<Integer> hiddenWidths() {
        return hiddenWidths;
    }

    public int outputFeatures() {
        return outputFeatures;
    }

    public Activation activation() {
        return activation;
    }

    public double dropout() {
        return dropout;
    }

    public boolean bias() {
        return bias;
    }

    /** The Linear layers in order: one per hidden width, then the output layer. */
    public List<Linear> linearLayers() {
        return linears;
    }

    @Override
    protected String extraRepr() {
        return "inputFeatures=" + inputFeatures + ", hiddenWidths=" + hiddenWidths + ", outputFeatures=" + outputFeatures
                + ", activation=" + activation + ", dropout=" + dropout + ", bias=" + bias;
    }

    /** Options of an {@link Mlp}; {@code inputFeatures} and {@code outputFeatures} are required. */
    public static final class Builder {
        private int inputFeatures;
        private List<Integer> hiddenWidths = List.of();
        private int outputFeatures;
        private Activation activation = Activation.RELU;
        private double dropout;
        private boolean bias = true;
        private Generator generator;

        private Builder() {
        }

        /** Features per sample after flattening from dim 1 (e.g. 784 for 28x28 images). */
        public Builder inputFeatures(int inputFeatures) {
            this.inputFeatures = inputFeatures;
            return this;
        }

        /** Widths of the hidden layers in order; none (the default) gives a single linear layer. */
        public Builder hiddenWidths(int... widths) {
            Objects.requireNonNull(widths, "widths");
            this.hiddenWidths = Arrays.stream(widths).boxed().toList();
            return this;
        }

        public Builder hiddenWidths(List<Integer> widths) {
            Objects.requireNonNull(widths, "widths");
            for (int i = 0; i < widths.size(); i++) {
                Objects.requireNonNull(widths.get(i), "Mlp: hiddenWidths[" + i + "] must not be null");
            }
            this.hiddenWidths = List.copyOf(widths);
            return this;
        }

        public Builder outputFeatures(int outputFeatures) {
            this.outputFeatures = outputFeatures;
            return this;
        }

        /** The nonlinearity after each hidden layer (default ReLU). */
        public Builder activation(Activation activation) {
            this.activation = activation;
            return this;
        }

        /** Dropout probability in [0, 1) after each hidden activation, in training mode only (default 0: none). */
        public Builder dropout(double dropout) {
            this.dropout = dropout;
            return this;
        }

        /** Whether the linear layers have biases (default true). */
        public Builder bias(boolean bias) {
            this.bias = bias;
            return this;
        }

        /** Initializes the weights and draws the dropout masks from {@code new Generator(seed)}. */
        public Builder seed(long seed) {
            this.generator = new Generator(seed);
            return this;
        }

        /** Initializes the weights and then draws the dropout masks from {@code generator}; null (the default) for unseeded. */
        public Builder generator(Generator generator) {
            this.generator = generator;
            return this;
        }

        public Mlp build() {
            return new Mlp(this);
        }
    }
}
