package dev.ithaca.models;

import dev.ithaca.nn.GELU;

import java.util.Objects;

/**
 * The shape of a {@link GptLanguageModel}, as nanoGPT's {@code GPTConfig}.
 *
 * @param vocabSize     tokens in the vocabulary (rows of the tied embedding / output head)
 * @param contextLength the longest sequence the model reads (rows of the position embedding)
 * @param dModel        width of the residual stream; a multiple of {@code numHeads}
 * @param numLayers     Transformer blocks
 * @param numHeads      attention heads per block
 * @param dropout       probability in [0, 1) after the embeddings, on the attention weights and on each residual branch
 * @param gelu          the MLP activation: exact or the tanh approximation GPT-2 used
 * @param bias          biases in every linear layer and layer norm (false: nanoGPT's {@code bias=False})
 */
public record GptConfig(int vocabSize, int contextLength, int dModel, int numLayers, int numHeads, double dropout,
                        GELU.Approximation gelu, boolean bias) {
    private static final String NAME = "GptConfig";

    public GptConfig {
        Checks.atLeast(NAME, "vocabSize", vocabSize, 1);
        Checks.atLeast(NAME, "contextLength", contextLength, 1);
        Checks.atLeast(NAME, "dModel", dModel, 1);
        Checks.atLeast(NAME, "numLayers", numLayers, 1);
        Checks.atLeast(NAME, "numHeads", numHeads, 1);
        if (dModel % numHeads != 0) {
            throw new IllegalArgumentException(NAME + ": dModel (" + dModel + ") must be divisible by numHeads (" + numHeads
                    + "); e.g. dModel=" + (dModel / numHeads + 1) * numHeads + " works with " + numHeads + " heads");
        }
        Checks.dropout(NAME, "dropout", dropout);
        Objects.requireNonNull(gelu, "GptConfig: gelu must be NONE or TANH, got null");
    }

    /** No dropout, the tanh GELU and biases, as GPT-2. */
    public static GptConfig of(int vocabSize, int contextLength, int dModel, int numLayers, int numHeads) {
        return new GptConfig(vocabSize, contextLength, dModel, numLayers, numHeads, 0, GELU.Approximation.TANH, true);
    }

    public GptConfig withDropout(double newDropout) {
        return new GptConfig(vocabSize, contextLength, dModel, numLayers, numHeads, newDropout, gelu, bias);
    }

    public GptConfig withGelu(GELU.Approximation newGelu) {
        return new GptConfig(vocabSize, contextLength, dModel, numLayers, numHeads, dropout, newGelu, bias);
    }

    public GptConfig withBias(boolean newBias) {
        return new GptConfig(vocabSize, contextLength, dModel, numLayers, numHeads, dropout, gelu, newBias);
    }

    public int headDim() {
        return dModel / numHeads;
    }

    /**
     * Trainable values of the model this config builds, without building it: the token embedding
     * {@code V*d} (shared with the output head, so counted once), the position embedding {@code C*d},
     * per block {@code 12d²} weights (qkv {@code 3d²}, attention projection {@code d²}, MLP {@code 4d² + 4d²})
     * plus, with biases, {@code 13d} (qkv {@code 3d}, projection {@code d}, MLP {@code 4d + d}, two layer
     * norms {@code 2d + 2d}) or, without, the two layer norms' weights {@code 2d}; and the final layer
     * norm ({@code 2d}, or {@code d} without bias).
     */
    public long parameterCount() {
        long d = dModel;
        long perBlock = 12 * d * d + (bias ? 13 * d : 2 * d);
        long finalNorm = bias ? 2 * d : d;
        return (long) vocabSize * d + (long) contextLength * d + numLayers * perBlock + finalNorm;
    }
}
