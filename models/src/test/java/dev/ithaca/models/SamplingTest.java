package dev.ithaca.models;

import dev.ithaca.random.Generator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@link Sampling} and the host-side draw in {@link TokenSampler}. */
class SamplingTest {

    @Test
    void validatesTemperatureAndTopK() {
        assertThatThrownBy(() -> new Sampling(-0.5, 0))
                .hasMessage("Sampling: temperature must be finite and >= 0 (0 = greedy), got -0.5");
        assertThatThrownBy(() -> new Sampling(Double.NaN, 0)).hasMessageContaining("got NaN");
        assertThatThrownBy(() -> new Sampling(Double.POSITIVE_INFINITY, 0)).hasMessageContaining("got Infinity");
        assertThatThrownBy(() -> new Sampling(1, -1)).hasMessage("Sampling: topK must be >= 0 (0 = off), got -1");
        assertThat(Sampling.greedy().isGreedy()).isTrue();
        assertThat(new Sampling(2, 1).isGreedy()).as("top-1 leaves one candidate").isTrue();
        assertThat(Sampling.ofTemperature(0.7)).isEqualTo(new Sampling(0.7, 0));
        assertThat(Sampling.ofTemperature(0.7).isGreedy()).isFalse();
    }

    @Test
    void greedyIsTheFirstArgmax() {
        assertThat(TokenSampler.next(new float[] {0.1f, 3f, -2f, 3f}, Sampling.greedy(), null)).isEqualTo(1);
    }

    @Test
    void drawsFollowTheSoftmaxAtTheTemperature() {
        float[] logits = {2f, 1f, 0f, -1f};
        for (double temperature : new double[] {1.0, 0.5, 2.0}) {
            double[] expected = softmax(logits, temperature);
            double[] frequency = frequencies(logits, new Sampling(temperature, 0), 20_000, 7);
            for (int i = 0; i < logits.length; i++) {
                assertThat(frequency[i]).as("token %d at temperature %s", i, temperature).isCloseTo(expected[i], within(0.015));
            }
        }
    }

    @Test
    void topKRenormalizesOverTheKLargest() {
        float[] logits = {0f, 2f, 1f, 1.5f};
        double[] frequency = frequencies(logits, new Sampling(1, 2), 20_000, 8);
        double total = Math.exp(2) + Math.exp(1.5);
        assertThat(frequency[1]).isCloseTo(Math.exp(2) / total, within(0.015));
        assertThat(frequency[3]).isCloseTo(Math.exp(1.5) / total, within(0.015));
        assertThat(frequency[0]).isZero();
        assertThat(frequency[2]).isZero();
    }

    @Test
    void aLowerTemperatureConcentratesTheDraws() {
        float[] logits = {1f, 0.5f, 0f, -0.5f};
        double hot = frequencies(logits, new Sampling(3, 0), 5_000, 9)[0];
        double cold = frequencies(logits, new Sampling(0.2, 0), 5_000, 9)[0];
        assertThat(cold).isGreaterThan(0.9).isGreaterThan(hot + 0.5);
    }

    @Test
    void theSameGeneratorSeedGivesTheSameDraws() {
        float[] logits = {0.3f, 0.2f, 0.1f, 0f, -0.1f};
        assertThat(draws(logits, 50, 3)).isEqualTo(draws(logits, 50, 3)).isNotEqualTo(draws(logits, 50, 4));
    }

    @Property(tries = 200)
    void topKKeepsExactlyTheKLargestTiesToTheLowerId(
            @ForAll @Size(min = 1, max = 12) List<@FloatRange(min = -3, max = 3) Float> values, @ForAll @IntRange(max = 14) int k) {
        float[] logits = new float[values.size()];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = Math.round(values.get(i));   // rounding makes ties common
        }
        int[] kept = TokenSampler.topK(logits, k);
        int expectedCount = k == 0 ? logits.length : Math.min(k, logits.length);
        assertThat(kept).hasSize(expectedCount).doesNotHaveDuplicates();
        boolean[] isKept = new boolean[logits.length];
        Arrays.stream(kept).forEach(id -> isKept[id] = true);
        for (int in = 0; in < logits.length; in++) {
            for (int out = 0; out < logits.length; out++) {
                if (isKept[in] && !isKept[out]) {
                    assertThat(logits[in] > logits[out] || (logits[in] == logits[out] && in < out))
                            .as("kept %d (%s) over dropped %d (%s)", in, logits[in], out, logits[out]).isTrue();
                }
            }
        }
    }

    @Test
    void nanLogitsAreReported() {
        assertThatThrownBy(() -> TokenSampler.next(new float[] {0f, Float.NaN}, Sampling.greedy(), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("NaN logits");
    }

    private static double[] softmax(float[] logits, double temperature) {
        double[] p = new double[logits.length];
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i] / temperature);
            total += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= total;
        }
        return p;
    }

    private static double[] frequencies(float[] logits, Sampling sampling, int n, long seed) {
        Generator generator = new Generator(seed);
        double[] counts = new double[logits.length];
        for (int i = 0; i < n; i++) {
            counts[TokenSampler.next(logits, sampling, generator)]++;
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] /= n;
        }
        return counts;
    }

    private static List<Integer> draws(float[] logits, int n, long seed) {
        Generator generator = new Generator(seed);
        Integer[] out = new Integer[n];
        for (int i = 0; i < n; i++) {
            out[i] = TokenSampler.next(logits, Sampling.ofTemperature(1), generator);
        }
        return List.of(out);
    }
}
