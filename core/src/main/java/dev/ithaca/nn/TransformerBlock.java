package dev.ithaca.nn;

import dev.ithaca.random.Generator;
import dev.ithaca.tensor.Tensor;

/**
 * A pre-norm decoder block, as in GPT-2 / nanoGPT: {@code x + attn(ln1(x))}, then
 * {@code x + mlp(ln2(x))} where the MLP is {@code Linear(d, 4d) -> GELU -> Linear(4d, d) -> Dropout}.
 * Children: {@code ln1}, {@code attn} ({@link CausalSelfAttention}), {@code ln2}, {@code mlp}
 * ({@link Sequential}, so its weights are {@code mlp.0.weight} and {@code mlp.2.weight}).
 */
public final class TransformerBlock extends Module {
    private final int dModel;
    private final LayerNorm ln1;
    private final CausalSelfAttention attn;
    private final LayerNorm ln2;
    private final Sequential mlp;

    /** No dropout, exact GELU, unseeded. */
    public TransformerBlock(int dModel, int numHeads) {
        this(dModel, numHeads, 0, GELU.Approximation.NONE, null);
    }

    /**
     * @param dropout   probability in the attention and after the MLP
     * @param gelu      the MLP's activation: exact or tanh (GPT-2 used tanh)
     * @param generator initializes every layer and draws dropout masks; null for unseeded
     */
    public TransformerBlock(int dModel, int numHeads, double dropout, GELU.Approximation gelu, Generator generator) {
        this(dModel, numHeads, dropout, gelu, true, generator);
    }

    /**
     * As above; {@code bias = false} drops the biases of every linear layer and layer norm (nanoGPT's
     * {@code bias=False}: the layer norms keep their weight).
     */
    public TransformerBlock(int dModel, int numHeads, double dropout, GELU.Approximation gelu, boolean bias,
                            Generator generator) {
        this.dModel = Checks.atLeast("TransformerBlock", "dModel", dModel, 1);
        Checks.probability("TransformerBlock", "dropout", dropout);
        if (gelu == null) {
            throw new IllegalArgumentException("TransformerBlock: gelu must be NONE or TANH, got null");
        }
        Generator g = generator != null ? generator : Generators.unseeded("TransformerBlock");
        this.ln1 = registerModule("ln1", new LayerNorm(new long[] {dModel}, 1e-5, true, bias));
        this.attn = registerModule("attn", new CausalSelfAttention(dModel, numHeads, dropout, bias, g));
        this.ln2 = registerModule("ln2", new LayerNorm(new long[] {dModel}, 1e-5, true, bias));
        this.mlp = registerModule("mlp", new Sequential(
                new Linear(dModel, 4 * dModel, bias, g),
                new GELU(gelu),
                new Linear(4 * dModel, dModel, bias, g),
                new Dropout(dropout, g)));
    }

    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null);
    }

    /**
     * Incremental decoding: the input's positions follow those already in {@code cache} (this block's
     * attention cache, see {@link CausalSelfAttention#forward(Tensor, KeyValueCache)}); null is
     * {@link #forward(Tensor)}.
     */
    public Tensor forward(Tensor input, KeyValueCache cache) {
        try (Temporaries tmp = new Temporaries()) {
            Tensor attended = tmp.add(input.add(tmp.add(attn.forward(tmp.add(ln1.forward(input)), cache))));
            return attended.add(tmp.add(mlp.forward(tmp.add(ln2.forward(attended)))));
        }
    }

    public CausalSelfAttention attention() {
        return attn;
    }

    public Sequential mlp() {
        return mlp;
    }

    public int dModel() {
        return dModel;
    }

    @Override
    protected String extraRepr() {
        return "dModel=" + dModel;
    }
}
