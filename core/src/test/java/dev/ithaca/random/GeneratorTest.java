package dev.ithaca.random;

import dev.ithaca.tensor.DType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GeneratorTest {

    @Test
    void reserveAdvancesByOneBlockPerTwoElements() {
        Generator g = new Generator(7);
        assertThat(g.reserve(5)).isZero();
        assertThat(g.reserve(4)).isEqualTo(3);
        assertThat(g.offset()).isEqualTo(5);
    }

    @Test
    void stateDictRoundTripContinuesTheStream() {
        Generator g = new Generator(42);
        g.reserve(11);
        Generator restored = Generator.fromStateDict(g.stateDict());
        assertThat(restored.seed()).isEqualTo(42);
        assertThat(restored.reserve(1)).isEqualTo(g.reserve(1));
    }

    @Test
    void badStateIsRejectedWithTheOffendingMap() {
        assertThatThrownBy(() -> Generator.fromStateDict(Map.of("seed", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seed");
        assertThatThrownBy(() -> Generator.fromStateDict(Map.of("seed", 1, "offset", -1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void float32UniformUsesTheTop24BitsOfTheFirstWord() {
        int[] words = new int[4];
        Philox.block(9, 0, words);
        double[] pair = new double[2];
        new PhiloxSampler(new Distribution.Uniform(0, 1), DType.FLOAT32, 9, 0).pair(0, pair);
        assertThat(pair[0]).isEqualTo((words[0] >>> 8) * 0x1p-24);
        assertThat(pair[1]).isEqualTo((words[2] >>> 8) * 0x1p-24);
    }

    @Test
    void normalSamplesHaveUnitMomentsAndUniformsStayInRange() {
        PhiloxSampler normal = new PhiloxSampler(new Distribution.Normal(0, 1), DType.FLOAT64, 3, 0);
        PhiloxSampler uniform = new PhiloxSampler(new Distribution.Uniform(-2, 5), DType.FLOAT32, 3, 0);
        double[] pair = new double[2];
        double sum = 0;
        double squares = 0;
        int n = 200_000;
        for (int p = 0; p < n / 2; p++) {
            normal.pair(p, pair);
            sum += pair[0] + pair[1];
            squares += pair[0] * pair[0] + pair[1] * pair[1];
            uniform.pair(p, pair);
            assertThat(pair[0]).isBetween(-2.0, 5.0).isLessThan(5.0);
        }
        assertThat(sum / n).isCloseTo(0, within(0.01));
        assertThat(squares / n).isCloseTo(1, within(0.01));
    }

    @Test
    void integersCoverTheRangeExactlyIncludingHugeBounds() {
        PhiloxSampler dice = new PhiloxSampler(new Distribution.Integers(1, 7), DType.INT64, 5, 0);
        long[] pair = new long[2];
        boolean[] seen = new boolean[7];
        for (int p = 0; p < 1000; p++) {
            dice.pair(p, pair);
            assertThat(pair[0]).isBetween(1L, 6L);
            seen[(int) pair[0]] = true;
        }
        assertThat(seen).containsExactly(false, true, true, true, true, true, true);
        PhiloxSampler wide = new PhiloxSampler(new Distribution.Integers(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2), DType.INT64, 5, 0);
        wide.pair(0, pair);
        assertThat(pair[0]).isBetween(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2 - 1);
    }

    @Test
    void invalidDistributionsNameTheirArguments() {
        assertThatThrownBy(() -> new Distribution.Uniform(1, 1)).hasMessageContaining("low=1.0, high=1.0");
        assertThatThrownBy(() -> new Distribution.Normal(0, -1)).hasMessageContaining("std=-1.0");
        assertThatThrownBy(() -> new Distribution.Integers(3, 3)).hasMessageContaining("low=3, high=3");
    }
}
