package dev.ithaca.nn;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.nn.init.Init;
import dev.ithaca.random.Generator;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A lookup table of {@code numEmbeddings} vectors of size {@code embeddingDim}, as {@code nn.Embedding}:
 * integer indices of any shape {@code S} give {@code S + [embeddingDim]}. The weight starts N(0, 1).
 * With a padding index, that row starts at zero and never receives a gradient (so it stays what it
 * is unless set by hand), as in PyTorch.
 */
public final class Embedding extends Module {
    private final int numEmbeddings;
    private final int embeddingDim;
    private final Integer paddingIdx;

    /** No padding index, unseeded. */
    public Embedding(int numEmbeddings, int embeddingDim) {
        this(numEmbeddings, embeddingDim, null, null);
    }

    public Embedding(int numEmbeddings, int embeddingDim, Generator generator) {
        this(numEmbeddings, embeddingDim, null, Objects.requireNonNull(generator, "generator"));
    }

    /**
     * @param paddingIdx null for none; negative values count from the end, as in PyTorch
     * @param generator  null for an unseeded initialization
     */
    public Embedding(int numEmbeddings, int embeddingDim, Integer paddingIdx, Generator generator) {
        this.numEmbeddings = Checks.atLeast("Embedding", "numEmbeddings", numEmbeddings, 1);
        this.embeddingDim = Checks.atLeast("Embedding", "embeddingDim", embeddingDim, 1);
        if (paddingIdx != null && (paddingIdx < -numEmbeddings || paddingIdx >= numEmbeddings)) {
            throw new IllegalArgumentException("Embedding: paddingIdx must be within [" + -numEmbeddings + ", "
                    + numEmbeddings + ") for numEmbeddings=" + numEmbeddings + ", got " + paddingIdx);
        }
        this.paddingIdx = paddingIdx == null ? null : paddingIdx < 0 ? paddingIdx + numEmbeddings : paddingIdx;
        Generator g = generator != null ? generator : Generators.unseeded("Embedding");
        Parameter weight = createParameter("weight", DType.FLOAT32, numEmbeddings, embeddingDim);
        Init.normal(weight, 0, 1, g);
        if (this.paddingIdx != null) {
            try (NoGrad ignored = NoGrad.enter(); Tensor row = weight.select(0, this.paddingIdx)) {
                row.fill(0);
            }
        }
    }

    @Override
    public Tensor forward(Tensor indices) {
        if (!indices.dtype().isIntegral()) {
            throw new IllegalArgumentException("Embedding: indices must be INT32 or INT64, got " + indices.describe());
        }
        long[] outShape = Arrays.copyOf(indices.shape(), indices.dim() + 1);
        outShape[indices.dim()] = embeddingDim;
        Parameter weight = weight();
        try (Temporaries tmp = new Temporaries()) {
            Tensor flat = tmp.add(indices.reshape(-1));
            Tensor rows = weight.indexSelect(0, flat);
            if (paddingIdx != null) {
                // the padding row's value, cut off from the graph: padded positions pass no gradient to the weight
                Tensor isPadding = tmp.add(tmp.add(flat.eq(paddingIdx)).unsqueeze(1));
                Tensor paddingRow = tmp.add(tmp.add(weight.select(0, paddingIdx)).detach());
                rows = Tensor.where(isPadding, paddingRow, tmp.add(rows));
            }
            return tmp.add(rows).reshape(outShape);
        }
    }

    public Parameter weight() {
        return parameter("weight");
    }

    public int numEmbeddings() {
        return numEmbeddings;
    }

    public int embeddingDim() {
        return embeddingDim;
    }

    /** The padding row (already made non-negative), if any. */
    public OptionalInt paddingIdx() {
        return paddingIdx == null ? OptionalInt.empty() : OptionalInt.of(paddingIdx);
    }

    @Override
    protected String extraRepr() {
        return "numEmbeddings=" + numEmbeddings + ", embeddingDim=" + embeddingDim
                + (paddingIdx == null ? "" : ", paddingIdx=" + paddingIdx);
    }
}
