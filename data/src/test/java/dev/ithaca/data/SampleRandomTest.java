package dev.ithaca.data;

import dev.ithaca.random.Philox;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SampleRandomTest {

    @Test
    void theStreamIsAFunctionOfSeedEpochStageAndSample() {
        int[] a = draw(SampleRandom.of(42, 3, 1, 1000), 12);
        assertThat(draw(SampleRandom.of(42, 3, 1, 1000), 12)).containsExactly(a);
        assertThat(draw(SampleRandom.of(43, 3, 1, 1000), 12)).isNotEqualTo(a);
        assertThat(draw(SampleRandom.of(42, 4, 1, 1000), 12)).isNotEqualTo(a);
        assertThat(draw(SampleRandom.of(42, 3, 2, 1000), 12)).isNotEqualTo(a);
        assertThat(draw(SampleRandom.of(42, 3, 1, 1001), 12)).isNotEqualTo(a);
        assertThat(draw(SampleRandom.of(42, 3, 1, 1000L + (1L << 32)), 12)).isNotEqualTo(a);
    }

    @Test
    void theStreamIsPhiloxKeyedByAPhiloxBlockOfItsInputs() {
        // independent re-derivation of the documented construction
        long seed = 0x1234_5678_9ABC_DEF0L;
        int[] derived = new int[4];
        Philox.block(new int[] {7, 0, 2, 5}, new int[] {(int) seed, (int) (seed >>> 32)}, derived);
        int[] expected = new int[8];
        for (int block = 0; block < 2; block++) {
            int[] words = new int[4];
            Philox.block(new int[] {block, 0, derived[2], derived[3]}, new int[] {derived[0], derived[1]}, words);
            System.arraycopy(words, 0, expected, 4 * block, 4);
        }
        assertThat(draw(SampleRandom.of(seed, 2, 5, 7), 8)).containsExactly(expected);
    }

    @Test
    void boundedIntsCoverTheRangeUniformly() {
        int bound = 7;
        int[] counts = new int[bound];
        SampleRandom random = SampleRandom.of(1, 0, 0, 0);
        int n = 70_000;
        for (int i = 0; i < n; i++) {
            int v = random.nextInt(bound);
            assertThat(v).isBetween(0, bound - 1);
            counts[v]++;
        }
        double chiSquare = 0;
        for (int c : counts) {
            double expected = (double) n / bound;
            chiSquare += (c - expected) * (c - expected) / expected;
        }
        assertThat(chiSquare).as("chi-square with 6 degrees of freedom (p = 0.001 at 22.5)").isLessThan(22.5);
    }

    @Test
    void doublesAreInTheUnitIntervalWithTheRightMean() {
        SampleRandom random = SampleRandom.of(2, 0, 0, 0);
        double sum = 0;
        Set<Double> distinct = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            double u = random.nextDouble();
            assertThat(u).isGreaterThanOrEqualTo(0).isLessThan(1);
            sum += u;
            distinct.add(u);
        }
        assertThat(sum / 20_000).isCloseTo(0.5, within(0.01));
        assertThat(distinct).hasSize(20_000);
        int heads = 0;
        for (int i = 0; i < 10_000; i++) {
            heads += random.nextBoolean(0.25) ? 1 : 0;
        }
        assertThat(heads).isBetween(2300, 2700);
        assertThat(SampleRandom.of(3, 0, 0, 0).nextBoolean(0)).isFalse();
        assertThat(SampleRandom.of(3, 0, 0, 0).nextBoolean(1)).isTrue();
    }

    @Test
    void argumentsAreChecked() {
        assertThatThrownBy(() -> SampleRandom.of(1, 0, -1, 0)).hasMessageContaining("stage must be >= 0, got -1");
        assertThatThrownBy(() -> SampleRandom.of(1, 0, 0, 0).nextInt(0)).hasMessageContaining("bound must be positive, got 0");
        assertThatThrownBy(() -> SampleRandom.of(1, 0, 0, 0).nextBoolean(1.5)).hasMessageContaining("p must be a probability in [0, 1], got 1.5");
    }

    @Test
    void shufflesAreUniformOverPermutations() {
        // all 24 orders of 4 elements should appear about equally often across seeds
        int[] counts = new int[24];
        int n = 24_000;
        for (int seed = 0; seed < n; seed++) {
            long[] p = Shuffle.permutation(4, seed, 0, Shuffle.EPOCH_ORDER);
            counts[rank(p)]++;
        }
        double chiSquare = 0;
        for (int c : counts) {
            double expected = n / 24.0;
            chiSquare += (c - expected) * (c - expected) / expected;
        }
        assertThat(chiSquare).as("chi-square with 23 degrees of freedom (p = 0.001 at 49.7)").isLessThan(49.7);
    }

    private static int rank(long[] permutation) {
        int rank = 0;
        for (int i = 0; i < permutation.length; i++) {
            int smallerAfter = 0;
            for (int j = i + 1; j < permutation.length; j++) {
                if (permutation[j] < permutation[i]) {
                    smallerAfter++;
                }
            }
            rank = rank * (permutation.length - i) + smallerAfter;
        }
        return rank;
    }

    private static int[] draw(SampleRandom random, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextInt();
        }
        return out;
    }
}
