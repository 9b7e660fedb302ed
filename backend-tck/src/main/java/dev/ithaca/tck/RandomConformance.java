package dev.ithaca.tck;

import dev.ithaca.random.Generator;
import dev.ithaca.random.Philox;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.ithaca.tck.Approx.assertValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The seeded Philox stream: every backend must produce the same numbers for the same seed and
 * offset, so values are pinned (recorded once from the reference CPU implementation, and the
 * Philox block function itself checked against Random123's published known answers).
 */
public abstract class RandomConformance extends BackendConformanceTest {
    private static final int N = 100_000;

    @Test
    void philoxBlockMatchesRandom123KnownAnswers() {
        // kat_vectors from the Random123 distribution, philox4x32 with 10 rounds
        assertPhilox(new int[] {0, 0, 0, 0}, new int[] {0, 0},
                0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8);
        assertPhilox(new int[] {-1, -1, -1, -1}, new int[] {-1, -1},
                0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd);
        assertPhilox(new int[] {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, new int[] {0xa4093822, 0x299f31d0},
                0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1);
    }

    private static void assertPhilox(int[] counter, int[] key, int... expected) {
        int[] out = new int[4];
        Philox.block(counter, key, out);
        assertThat(out).as("philox4x32-10(ctr=%s, key=%s)", Arrays.toString(counter), Arrays.toString(key)).containsExactly(expected);
    }

    @Test
    void fixedSeedGivesTheRecordedValues() {
        assertThat(Tensor.rand(42, 4).toFloatArray()).containsExactly(0.61295986f, 0.0732317f, 0.98771864f, 0.5139061f);
        assertThat(Tensor.randint(new Generator(42), 0, 10, 6).toLongArray()).containsExactly(9, 9, 3, 5, 7, 9);
        assertThat(Tensor.uniform(new Generator(42), -1, 1, DType.FLOAT64, 3).toDoubleArray())
                .containsExactly(0.2259197602955476, -0.8535365262499222, 0.9754373032907153);
        // normals go through log/cos/sin, whose last bit may differ between math libraries
        assertValues(Tensor.randn(42, 4), 1.2345418, 0.6118499, -2.9550533, -0.25885656);
        assertValues(Tensor.normal(new Generator(42), 2, 3, DType.FLOAT64, 3), 5.7036254629344665, 3.8355497908054272, -6.865160102404241);
    }

    @Test
    void uniformAndIntegersFollowTheDocumentedBlockLayout() {
        // element 2i takes words 0-1 of block offset+i, element 2i+1 words 2-3 (dev.ithaca.random.Distribution)
        long seed = 0x5eedL;
        int[] words = new int[4];
        Generator generator = new Generator(seed);
        generator.reserve(10);   // start at block 5 so the offset is exercised too
        float[] uniform = Tensor.rand(generator, 6).toFloatArray();
        long[] integers = Tensor.randint(generator, -50, 50, 6).toLongArray();
        for (int i = 0; i < 3; i++) {
            Philox.block(seed, 5 + i, words);
            assertThat(uniform[2 * i]).isEqualTo((float) ((words[0] >>> 8) * 0x1p-24));
            assertThat(uniform[2 * i + 1]).isEqualTo((float) ((words[2] >>> 8) * 0x1p-24));
            Philox.block(seed, 8 + i, words);
            assertThat(integers[2 * i]).isEqualTo(-50 + Long.remainderUnsigned(((long) words[0] << 32) | (words[1] & 0xFFFFFFFFL), 100));
            assertThat(integers[2 * i + 1]).isEqualTo(-50 + Long.remainderUnsigned(((long) words[2] << 32) | (words[3] & 0xFFFFFFFFL), 100));
        }
    }

    @Test
    void sameSeedGivesIdenticalTensors() {
        assertThat(Tensor.rand(7, 1001).toFloatArray()).containsExactly(Tensor.rand(7, 1001).toFloatArray());
        assertThat(Tensor.randn(7, 33, 3).toFloatArray()).containsExactly(Tensor.randn(7, 33, 3).toFloatArray());
        assertThat(Tensor.randint(new Generator(7), 0, 1000, 99).toLongArray())
                .containsExactly(Tensor.randint(new Generator(7), 0, 1000, 99).toLongArray());
        assertThat(Tensor.normal(new Generator(7), 0, 1, DType.FLOAT64, 50).toDoubleArray())
                .containsExactly(Tensor.normal(new Generator(7), 0, 1, DType.FLOAT64, 50).toDoubleArray());
    }

    @Test
    void differentSeedsAndOffsetsGiveDifferentTensors() {
        assertThat(Tensor.rand(1, 100).toFloatArray()).isNotEqualTo(Tensor.rand(2, 100).toFloatArray());
        Generator generator = new Generator(3);
        float[] first = Tensor.rand(generator, 100).toFloatArray();
        float[] second = Tensor.rand(generator, 100).toFloatArray();
        assertThat(second).isNotEqualTo(first);
        assertThat(generator.offset()).as("blocks consumed: two elements per block").isEqualTo(100);
    }

    @Test
    void consecutiveDrawsContinueOneStream() {
        Generator generator = new Generator(11);
        float[] a = Tensor.rand(generator, 4).toFloatArray();
        float[] b = Tensor.rand(generator, 6).toFloatArray();
        float[] whole = Tensor.rand(11, 10).toFloatArray();
        assertThat(a).containsExactly(Arrays.copyOfRange(whole, 0, 4));
        assertThat(b).containsExactly(Arrays.copyOfRange(whole, 4, 10));
    }

    @Test
    void anOddSizedDrawLeavesItsLastHalfBlockUnused() {
        Generator generator = new Generator(12);
        Tensor.rand(generator, 3);
        float[] next = Tensor.rand(generator, 2).toFloatArray();
        assertThat(next).containsExactly(Arrays.copyOfRange(Tensor.rand(12, 6).toFloatArray(), 4, 6));
    }

    @Test
    void emptyDrawsConsumeNothing() {
        Generator generator = new Generator(13);
        assertThat(Tensor.rand(generator, 0, 5).numel()).isZero();
        assertThat(generator.offset()).isZero();
    }

    @Test
    void aGeneratorResumedFromItsStateRepeatsTheNextDraw() {
        Generator generator = new Generator(14);
        Tensor.randn(generator, 10);
        Generator resumed = Generator.fromStateDict(generator.stateDict());
        assertThat(Tensor.randn(resumed, 8).toFloatArray()).containsExactly(Tensor.randn(generator, 8).toFloatArray());
    }

    @Test
    void largeDrawsSplitAcrossThreadsMatchSmallOnes() {
        float[] large = Tensor.rand(15, Samples.LARGE).toFloatArray();
        assertThat(Arrays.copyOf(large, 100)).containsExactly(Tensor.rand(15, 100).toFloatArray());
        // the last element comes from block (LARGE - 1) / 2, words 0-1
        int[] words = new int[4];
        Philox.block(15, (Samples.LARGE - 1) / 2, words);
        assertThat(large[Samples.LARGE - 1]).isEqualTo((float) ((words[0] >>> 8) * 0x1p-24));
    }

    @Test
    void normalsHaveTheRequestedMeanAndSpread() {
        double[] x = Tensor.randn(16, N).toDoubleArray();
        // standard error of the mean is 1/sqrt(N) = 0.003; these bounds sit at about 6 of them
        assertThat(mean(x)).isCloseTo(0, within(0.02));
        assertThat(std(x)).isCloseTo(1, within(0.02));
        assertThat(Arrays.stream(x).filter(v -> Math.abs(v) < 1).count() / (double) N).isCloseTo(0.6827, within(0.01));
        double[] shifted = Tensor.normal(new Generator(17), 5, 2, DType.FLOAT64, N).toDoubleArray();
        assertThat(mean(shifted)).isCloseTo(5, within(0.04));
        assertThat(std(shifted)).isCloseTo(2, within(0.04));
    }

    @Test
    void uniformsFillTheirRangeEvenly() {
        double[] u = Tensor.rand(18, N).toDoubleArray();
        assertThat(Arrays.stream(u).min().orElseThrow()).isBetween(0.0, 0.001);
        assertThat(Arrays.stream(u).max().orElseThrow()).isGreaterThan(0.999).isLessThan(1);
        assertThat(mean(u)).isCloseTo(0.5, within(0.01));
        double[] wide = Tensor.uniform(new Generator(19), -3, 5, DType.FLOAT64, N).toDoubleArray();
        assertThat(Arrays.stream(wide).min().orElseThrow()).isGreaterThanOrEqualTo(-3);
        assertThat(Arrays.stream(wide).max().orElseThrow()).isLessThan(5);
        assertThat(mean(wide)).isCloseTo(1, within(0.08));
    }

    @Test
    void float32UniformsStayBelowHighAfterRounding() {
        double high = 1 + 1e-7;
        float[] u = Tensor.uniform(new Generator(20), 1, high, DType.FLOAT32, 1000).toFloatArray();
        for (float v : u) {
            assertThat((double) v).isGreaterThanOrEqualTo(1).isLessThan(high);
        }
    }

    @Test
    void integersCoverTheirHalfOpenRange() {
        long[] r = Tensor.randint(new Generator(21), -3, 4, 10_000).toLongArray();
        assertThat(Arrays.stream(r).distinct().sorted().toArray()).containsExactly(-3, -2, -1, 0, 1, 2, 3);
        assertThat(Tensor.randint(new Generator(21), -3, 4, 2).dtype()).isEqualTo(DType.INT64);
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElseThrow();
    }

    private static double std(double[] x) {
        double m = mean(x);
        return Math.sqrt(Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / (x.length - 1));
    }
}
