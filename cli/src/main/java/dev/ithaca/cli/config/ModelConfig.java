package dev.ithaca.cli.config;

import dev.ithaca.cli.config.bind.Checked;
import dev.ithaca.cli.config.bind.Key;
import dev.ithaca.cli.config.bind.Problems;
import dev.ithaca.cli.config.bind.Section;
import dev.ithaca.cli.config.bind.Variant;
import dev.ithaca.models.Activation;
import dev.ithaca.models.Pooling;
import dev.ithaca.nn.GELU;

import java.util.List;

/** The architecture, from {@code ithaca-models}; input and output sizes come from the data (and the tokenizer). */
@Section(doc = "The model, chosen by `type`. Input and output sizes come from the data: features and classes for"
        + " `mlp` and `lenet5`, the tokenizer's vocabulary for `gpt`.")
public sealed interface ModelConfig {

    @Variant(name = "mlp", doc = "A multi-layer perceptron: Linear -> activation -> Dropout per hidden width, then a Linear to"
            + " the outputs. Images are flattened.")
    record Mlp(
            @Key(doc = "Width of each hidden layer, input side first; empty for a linear model.", defaultValue = "[256]", min = 1)
            List<Integer> hiddenSizes,
            @Key(doc = "Nonlinearity after each hidden layer.", defaultValue = "relu") Activation activation,
            @Key(doc = "Dropout probability after each hidden layer.", defaultValue = "0", min = 0, max = 1, maxExclusive = true)
            double dropout,
            @Key(doc = "Biases in the linear layers.", defaultValue = "true") boolean bias) implements ModelConfig {
    }

    @Variant(name = "lenet5", doc = "LeNet-5 for 28x28 (padded first convolution) or 32x32 single- or multi-channel images.")
    record LeNet5(
            @Key(doc = "Nonlinearity after each convolution and hidden linear layer (LeCun used tanh).", defaultValue = "relu")
            Activation activation,
            @Key(doc = "Subsampling after each convolution.", defaultValue = "max") Pooling pooling) implements ModelConfig {
    }

    @Variant(name = "gpt", doc = "A GPT-style decoder-only Transformer language model with tied input/output embeddings.")
    record Gpt(
            @Key(doc = "Longest sequence the model reads, in tokens; training windows have this length.", defaultValue = "64",
                    min = 2) int contextLength,
            @Key(doc = "Width of the residual stream; a multiple of `num_heads`.", defaultValue = "128", min = 1) int dModel,
            @Key(doc = "Transformer blocks.", defaultValue = "2", min = 1) int numLayers,
            @Key(doc = "Attention heads per block.", defaultValue = "4", min = 1) int numHeads,
            @Key(doc = "Dropout after the embeddings, on attention weights and on each residual branch.", defaultValue = "0",
                    min = 0, max = 1, maxExclusive = true) double dropout,
            @Key(doc = "GELU of the MLPs: `tanh` (GPT-2's approximation) or `none` (exact).", defaultValue = "tanh")
            GELU.Approximation gelu,
            @Key(doc = "Biases in the linear layers and layer norms.", defaultValue = "true") boolean bias)
            implements ModelConfig, Checked {
        @Override
        public void check(Problems problems) {
            if (dModel % numHeads != 0) {
                problems.add("d_model", "must be a multiple of num_heads (" + numHeads + "), got " + dModel
                        + "; e.g. " + ((dModel / numHeads + 1) * numHeads));
            }
        }
    }
}
