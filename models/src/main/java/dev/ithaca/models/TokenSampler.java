package dev.ithaca.models;

import dev.ithaca.random.Distribution;
import dev.ithaca.random.Generator;
import dev.ithaca.random.PhiloxSampler;
import dev.ithaca.tensor.DType;

import java.util.Arrays;

/**
 * Picks a token id from one row of logits on the host: greedy argmax, or a draw from
 * {@code softmax(logits / temperature)} restricted to the top-k. The uniform number comes from the
 * generator's Philox stream (as {@code Tensor.rand(generator, 1)} in FLOAT64 would give it), so a
 * seed reproduces a generation on every backend.
 */
final class TokenSampler {
    private static final Distribution UNIT = new Distribution.Uniform(0, 1);

    private TokenSampler() {
    }

    static int next(float[] logits, Sampling sampling, Generator generator) {
        for (float logit : logits) {
            if (Float.isNaN(logit)) {
                throw new IllegalStateException("generate: the model produced NaN logits, so no token can be chosen;"
                        + " its weights have diverged (check the training loss)");
            }
        }
        if (sampling.isGreedy()) {
            return argmax(logits);
        }
        int[] candidates = topK(logits, sampling.topK());
        double max = Double.NEGATIVE_INFINITY;
        for (int id : candidates) {
            max = Math.max(max, logits[id]);
        }
        double[] cumulative = new double[candidates.length];
        double total = 0;
        for (int i = 0; i < candidates.length; i++) {
            total += Math.exp((logits[candidates[i]] - max) / sampling.temperature());
            cumulative[i] = total;
        }
        double target = uniform(generator) * total;
        for (int i = 0; i < candidates.length; i++) {
            if (target < cumulative[i]) {
                return candidates[i];
            }
        }
        return candidates[candidates.length - 1];
    }

    /** The first index of the largest value, as {@code torch.argmax}. */
    static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Ids of the {@code k} largest logits by descending value, ties toward the lower id; every id when k is 0 or >= V. */
    static int[] topK(float[] logits, int k) {
        int vocab = logits.length;
        Integer[] order = new Integer[vocab];
        for (int i = 0; i < vocab; i++) {
            order[i] = i;
        }
        if (k == 0 || k >= vocab) {
            return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
        }
        Arrays.sort(order, (a, b) -> {
            int byValue = Float.compare(logits[b], logits[a]);
            return byValue != 0 ? byValue : Integer.compare(a, b);
        });
        int[] kept = new int[k];
        for (int i = 0; i < k; i++) {
            kept[i] = order[i];
        }
        return kept;
    }

    /** One uniform double in [0, 1) from the generator's stream, advancing it by one element. */
    private static double uniform(Generator generator) {
        long offset = generator.reserve(1);
        double[] pair = new double[2];
        new PhiloxSampler(UNIT, DType.FLOAT64, generator.seed(), offset).pair(0, pair);
        return pair[0];
    }
}
