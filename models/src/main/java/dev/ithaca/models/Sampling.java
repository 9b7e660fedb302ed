package dev.ithaca.models;

/**
 * How {@link GptLanguageModel#generate} picks each next token from the logits.
 *
 * @param temperature divides the logits before the softmax: 0 picks the most likely token (greedy,
 *                    no randomness), below 1 sharpens the distribution, above 1 flattens it
 * @param topK        keeps only the {@code topK} most likely tokens before sampling (ties broken toward
 *                    the lower token id); 0 keeps all, 1 is greedy
 */
public record Sampling(double temperature, int topK) {

    public Sampling {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("Sampling: temperature must be finite and >= 0 (0 = greedy), got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("Sampling: topK must be >= 0 (0 = off), got " + topK);
        }
    }

    /** Always the most likely token. */
    public static Sampling greedy() {
        return new Sampling(0, 0);
    }

    /** Sampling from the whole softmax at {@code temperature}. */
    public static Sampling ofTemperature(double temperature) {
        return new Sampling(temperature, 0);
    }

    /** True when no random draw is needed: temperature 0 or top-1. */
    public boolean isGreedy() {
        return temperature == 0 || topK == 1;
    }
}
