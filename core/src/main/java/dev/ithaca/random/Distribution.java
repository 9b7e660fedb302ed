package dev.ithaca.random;

/**
 * How the Philox stream turns into values. Element {@code i} of a tensor filled from offset
 * {@code o} uses block {@code o + i/2}: even elements take words 0-1, odd elements words 2-3.
 * That fixed layout is what makes every backend produce identical tensors.
 */
public sealed interface Distribution {

    /** Blocks one tensor of {@code numel} elements consumes from its generator. */
    static long blocksFor(long numel) {
        return (numel + 1) / 2;
    }

    /** Uniform in [low, high). FLOAT32 uses the top 24 bits of the first word, FLOAT64 53 bits of both. */
    record Uniform(double low, double high) implements Distribution {
        public Uniform {
            if (!(low < high) || Double.isInfinite(high - low)) {
                throw new IllegalArgumentException("Uniform needs finite low < high, got low=" + low + ", high=" + high);
            }
        }
    }

    /** Normal(mean, std) by Box-Muller on the element's pair of 53-bit uniforms. */
    record Normal(double mean, double std) implements Distribution {
        public Normal {
            if (!(std >= 0) || Double.isInfinite(std) || !Double.isFinite(mean)) {
                throw new IllegalArgumentException("Normal needs finite mean and std >= 0, got mean=" + mean + ", std=" + std);
            }
        }
    }

    /** Integers uniform in [low, high): low + (64-bit word pair, unsigned) mod (high - low). */
    record Integers(long low, long high) implements Distribution {
        public Integers {
            if (low >= high) {
                throw new IllegalArgumentException("Integers needs low < high, got low=" + low + ", high=" + high);
            }
        }
    }
}
