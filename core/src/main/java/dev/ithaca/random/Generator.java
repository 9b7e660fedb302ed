package dev.ithaca.random;

import java.util.Map;

/**
 * A seeded source of random tensors: a Philox key (the seed) and a position in its stream.
 * Each draw reserves the blocks it needs and advances the position, so two generators with the
 * same seed give identical sequences on every backend, and {@link #stateDict()} resumes exactly.
 */
public final class Generator {
    private long seed;
    private long offset;

    public Generator(long seed) {
        this(seed, 0);
    }

    private Generator(long seed, long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("Generator offset must be >= 0, got " + offset);
        }
        this.seed = seed;
        this.offset = offset;
    }

    public synchronized long seed() {
        return seed;
    }

    /** Blocks consumed so far. */
    public synchronized long offset() {
        return offset;
    }

    /** Reserves the blocks for {@code numel} elements and returns the offset to sample them from. */
    public synchronized long reserve(long numel) {
        if (numel < 0) {
            throw new IllegalArgumentException("numel must be >= 0, got " + numel);
        }
        long start = offset;
        offset += Distribution.blocksFor(numel);
        return start;
    }

    public synchronized Map<String, Object> stateDict() {
        return Map.of("seed", seed, "offset", offset);
    }

    /** Puts this generator back where a {@link #stateDict()} was taken (seed and position). */
    public synchronized void loadStateDict(Map<String, ?> state) {
        Generator saved = fromStateDict(state);
        this.seed = saved.seed;
        this.offset = saved.offset;
    }

    /** Starts this generator over from {@code newSeed} at offset 0, as {@code torch.Generator.manual_seed}. */
    public synchronized void manualSeed(long newSeed) {
        this.seed = newSeed;
        this.offset = 0;
    }

    /** Restores a generator saved with {@link #stateDict()}. */
    public static Generator fromStateDict(Map<String, ?> state) {
        Object seed = state.get("seed");
        Object offset = state.get("offset");
        if (!(seed instanceof Number s) || !(offset instanceof Number o)) {
            throw new IllegalArgumentException("Generator state needs numeric 'seed' and 'offset', got " + state);
        }
        return new Generator(s.longValue(), o.longValue());
    }

    @Override
    public synchronized String toString() {
        return "Generator(seed=" + seed + ", offset=" + offset + ")";
    }
}
