package dev.ithaca.nn.loss;

import dev.ithaca.nn.Temporaries;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;

/**
 * Class-index targets of a batched input [N, C, d1, ...], range-checked, with what NLLLoss and
 * CrossEntropyLoss need from them: where the ignore index is, and each position's class weight.
 */
final class ClassIndexTargets implements AutoCloseable {
    private final Temporaries owned;
    private final boolean weighted;
    private final Tensor valid;
    private final Tensor gatherIndex;
    private final Tensor weights;

    private ClassIndexTargets(Temporaries owned, boolean weighted, Tensor valid, Tensor gatherIndex, Tensor weights) {
        this.owned = owned;
        this.weighted = weighted;
        this.valid = valid;
        this.gatherIndex = gatherIndex;
        this.weights = weights;
    }

    /**
     * @param input  batched input [N, C, d1, ...] whose dtype the weights take
     * @param target class indices [N, d1, ...], already shape-checked
     * @param weight per-class weights [C], or null for all ones
     */
    static ClassIndexTargets of(String loss, Tensor input, Tensor target, Tensor weight, long ignoreIndex) {
        Temporaries owned = new Temporaries();
        try {
            Tensor index = owned.add(target.to(DType.INT64));
            Tensor valid = owned.add(index.ne(ignoreIndex));
            // ignored positions read class 0, so every gathered index is in range; their loss is masked out
            Tensor safe = owned.add(Tensor.where(valid, index, owned.add(Tensor.zerosLike(index))));
            requireInRange(loss, safe, input.size(1), ignoreIndex);
            Tensor gatherIndex = owned.add(safe.unsqueeze(1));
            Tensor validAsNumber = owned.add(valid.to(input.dtype()));
            Tensor weights = validAsNumber;
            if (weight != null) {
                Tensor w = owned.add(weight.to(input.dtype()));
                Tensor picked = owned.add(w.indexSelect(0, owned.add(safe.reshape(-1))));
                weights = owned.add(owned.add(picked.reshape(index.shape())).mul(validAsNumber));
            }
            return new ClassIndexTargets(owned, weight != null, valid, gatherIndex, weights);
        } catch (RuntimeException e) {
            owned.close();
            throw e;
        }
    }

    /** {@code -weight[y] * logProbs[y]} at each position, 0 where the target is the ignore index. */
    Tensor nll(Tensor logProbs) {
        try (Temporaries tmp = new Temporaries()) {
            Tensor picked = tmp.add(tmp.add(logProbs.gather(1, gatherIndex)).squeeze(1));
            Tensor scaled = weighted ? tmp.add(picked.mul(weights)) : picked;
            return masked(tmp.add(scaled.neg()));
        }
    }

    /** {@code perPosition} with ignored positions set to 0 (not multiplied, so -inf there cannot turn into NaN). */
    Tensor masked(Tensor perPosition) {
        try (Tensor zeros = Tensor.zerosLike(perPosition)) {
            return Tensor.where(valid, perPosition, zeros);
        }
    }

    /** Each position's class weight (1 without weights), 0 where ignored: the weighted mean's denominator. */
    Tensor weights() {
        return weights;
    }

    @Override
    public void close() {
        owned.close();
    }

    private static void requireInRange(String loss, Tensor safe, long classes, long ignoreIndex) {
        if (safe.numel() == 0) {
            return;
        }
        long lowest;
        long highest;
        try (Tensor min = safe.min(); Tensor max = safe.max()) {
            lowest = (long) min.item();
            highest = (long) max.item();
        }
        if (lowest < 0 || highest >= classes) {
            throw new IllegalArgumentException(loss + ": target class index " + (lowest < 0 ? lowest : highest)
                    + " is out of range for " + classes + " classes (valid: 0 to " + (classes - 1)
                    + ", or ignoreIndex " + ignoreIndex + ")");
        }
    }
}
