package dev.ithaca.nn;

import dev.ithaca.random.Generator;
import dev.ithaca.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * Multi-head causal self-attention over {@code [B, T, dModel]}, as in GPT-2 / nanoGPT: one linear
 * layer {@code qkv} projects to queries, keys and values at once ({@code [dModel -> 3*dModel]}, in
 * that order), each head attends with {@code softmax(q kᵀ / sqrt(headDim))} where position {@code t}
 * sees only positions {@code <= t}, and {@code proj} mixes the heads back. Dropout (off when
 * {@code dropout = 0} or in evaluation) applies to the attention weights and to the output.
 */
public final class CausalSelfAttention extends Module {
    private final int dModel;
    private final int numHeads;
    private final Linear qkv;
    private final Linear proj;
    private final Dropout attentionDropout;
    private final Dropout residualDropout;

    /** No dropout, with biases, unseeded. */
    public CausalSelfAttention(int dModel, int numHeads) {
        this(dModel, numHeads, 0, true, null);
    }

    /**
     * @param dropout   probability for the attention weights and the output
     * @param bias      whether the two projections have biases
     * @param generator initializes the projections and draws dropout masks; null for unseeded
     */
    public CausalSelfAttention(int dModel, int numHeads, double dropout, boolean bias, Generator generator) {
        this.dModel = Checks.atLeast("CausalSelfAttention", "dModel", dModel, 1);
        this.numHeads = Checks.atLeast("CausalSelfAttention", "numHeads", numHeads, 1);
        Checks.divides("CausalSelfAttention", "dModel", dModel, "numHeads", numHeads);
        Checks.probability("CausalSelfAttention", "dropout", dropout);
        Generator g = generator != null ? generator : Generators.unseeded("CausalSelfAttention");
        this.qkv = registerModule("qkv", new Linear(dModel, 3 * dModel, bias, g));
        this.proj = registerModule("proj", new Linear(dModel, dModel, bias, g));
        this.attentionDropout = registerModule("attn_dropout", new Dropout(dropout, g));
        this.residualDropout = registerModule("resid_dropout", new Dropout(dropout, g));
    }

    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null);
    }

    /**
     * Incremental decoding: the input's positions come right after the {@code cache.length()} positions
     * already in {@code cache}; each attends to the cached positions and to the input's positions up to
     * itself, and the input's keys and values are appended to the cache. A null cache is
     * {@link #forward(Tensor)}. Feeding a sequence in pieces gives the outputs of feeding it whole.
     */
    public Tensor forward(Tensor input, KeyValueCache cache) {
        if (input.dim() != 3 || input.size(2) != dModel) {
            throw new IllegalArgumentException("CausalSelfAttention: expected input [B, T, " + dModel + "], got shape "
                    + Arrays.toString(input.shape()));
        }
        long batch = input.size(0);
        long time = input.size(1);
        long headDim = dModel / numHeads;
        try (Temporaries tmp = new Temporaries()) {
            Tensor projected = tmp.add(qkv.forward(input));
            Tensor q = heads(tmp, projected, 0, batch, time, headDim);
            Tensor k = heads(tmp, projected, 1, batch, time, headDim);
            Tensor v = heads(tmp, projected, 2, batch, time, headDim);
            long past = cache == null ? 0 : cache.length();
            if (cache != null) {
                List<Tensor> all = cache.append(k, v);
                k = all.get(0);
                v = all.get(1);
            }
            Tensor scores = tmp.add(tmp.add(q.matmul(tmp.add(k.transpose(2, 3)))).mul(1 / Math.sqrt(headDim)));
            Tensor mask = tmp.add(causalMask(tmp, past, time, input));
            Tensor negativeInfinity = tmp.add(tmp.add(Tensor.scalar(Double.NEGATIVE_INFINITY, input.dtype())).to(input.backend()));
            Tensor masked = tmp.add(Tensor.where(mask, scores, negativeInfinity));
            Tensor weights = tmp.add(attentionDropout.forward(tmp.add(masked.softmax(-1))));
            Tensor perHead = tmp.add(tmp.add(tmp.add(weights.matmul(v)).transpose(1, 2)).contiguous());
            Tensor mixed = tmp.add(perHead.view(batch, time, dModel));
            return tmp.keep(residualDropout.forward(tmp.add(proj.forward(mixed))));
        }
    }

    /** Part {@code which} (0 = q, 1 = k, 2 = v) of the projection as {@code [B, heads, T, headDim]}. */
    private Tensor heads(Temporaries tmp, Tensor projected, int which, long batch, long time, long headDim) {
        Tensor part = tmp.add(projected.narrow(2, (long) which * dModel, dModel));
        return tmp.add(tmp.add(part.reshape(batch, time, numHeads, headDim)).transpose(1, 2));
    }

    /**
     * {@code [T, past + T]}, true where key position {@code j <= } query position {@code past + i}: the
     * queries are the last {@code T} of {@code past + T} positions.
     */
    private static Tensor causalMask(Temporaries tmp, long past, long time, Tensor like) {
        Tensor queries = tmp.add(tmp.add(Tensor.arange(past, past + time, 1)).unsqueeze(1));
        Tensor keys = tmp.add(tmp.add(Tensor.arange(past + time)).unsqueeze(0));
        return tmp.add(keys.le(queries)).to(like.backend());
    }

    public int dModel() {
        return dModel;
    }

    public int numHeads() {
        return numHeads;
    }

    @Override
    protected String extraRepr() {
        return "dModel=" + dModel + ", numHeads=" + numHeads;
    }
}
