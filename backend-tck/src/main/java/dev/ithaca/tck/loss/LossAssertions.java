package dev.ithaca.tck.loss;

import dev.ithaca.nn.loss.Reduction;
import dev.ithaca.spi.Backend;
import dev.ithaca.tck.Samples;
import dev.ithaca.tck.loss.LossReference.PerPosition;
import dev.ithaca.tensor.Tensor;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.util.function.Supplier;

import static dev.ithaca.tck.Approx.assertTensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Assertions and inputs shared by the loss conformance classes. */
final class LossAssertions {
    private LossAssertions() {
    }

    /** The loss matches the reference under {@code reduction}: shape {@code noneShape} for NONE, 0-dim otherwise. */
    static void assertLoss(Tensor actual, Reduction reduction, PerPosition expected, long... noneShape) {
        assertTensor(actual, reduction == Reduction.NONE ? noneShape : new long[0], expected.reduce(reduction));
    }

    /** An IllegalArgumentException whose message names every fragment (the loss, the argument, the bad value). */
    static void assertRejected(ThrowingCallable call, String... fragments) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll(fragments);
    }

    /** A forward leaves only its result alive: every intermediate is freed before it returns. */
    static void assertFreesIntermediates(Backend backend, Supplier<Tensor> forward) {
        long before = backend.memoryStats().liveBlocks();
        Tensor result = forward.get();
        assertThat(backend.memoryStats().liveBlocks()).as("live storages after the forward (the result only)").isEqualTo(before + 1);
        result.close();
        assertThat(backend.memoryStats().liveBlocks()).as("live storages after closing the result").isEqualTo(before);
    }

    /** {@code n} class indices uniform in [0, classes). */
    static long[] classIndices(long seed, int n, int classes) {
        double[] values = Samples.integers(seed, n, 0, classes);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = (long) values[i];
        }
        return out;
    }

    /** Each [n, c, s] position's probabilities: positive, summing to 1 over the class dim. */
    static double[] probabilities(long seed, int n, int c, int s) {
        double[] raw = Samples.floats(seed, n * c * s, 0.05, 1);
        double[] out = new double[raw.length];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < s; p++) {
                double total = 0;
                for (int k = 0; k < c; k++) {
                    total += raw[(i * c + k) * s + p];
                }
                for (int k = 0; k < c; k++) {
                    out[(i * c + k) * s + p] = raw[(i * c + k) * s + p] / total;
                }
            }
        }
        return out;
    }
}
