package dev.ithaca.benchmarks;

import java.util.SplittableRandom;

/** Seeded inputs, uniform in [-1, 1): the same numbers every run, so runs compare. */
final class RandomFloats {
    private RandomFloats() {
    }

    static float[] of(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return values;
    }
}
