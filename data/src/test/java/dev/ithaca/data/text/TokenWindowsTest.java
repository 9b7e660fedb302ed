package dev.ithaca.data.text;

import dev.ithaca.spi.Backend;
import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.DType;
import dev.ithaca.train.Batch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenWindowsTest {
    private Backend backend;
    private Backends.Use use;

    @BeforeEach
    void useCpu() {
        backend = Backends.get("cpu");
        use = Backends.use(backend);
    }

    @AfterEach
    void release() {
        use.close();
    }

    private static int[] range(int n) {
        return IntStream.range(0, n).map(i -> 100 + i).toArray();
    }

    @Test
    void nonOverlappingWindowsByDefault() {
        TokenWindows windows = new TokenWindows(range(10), 3);
        // starts 0, 3, 6; a start at 9 would need tokens up to index 12
        assertThat(windows.size()).isEqualTo(3);
        assertThat(windows.stride()).isEqualTo(3);
        try (Batch batch = windows.batch(new long[] {2, 0})) {
            assertThat(batch.input().shape()).containsExactly(2, 3);
            assertThat(batch.target().shape()).containsExactly(2, 3);
            assertThat(batch.input().dtype()).isEqualTo(DType.INT64);
            assertThat(batch.target().dtype()).isEqualTo(DType.INT64);
            assertThat(batch.input().toLongArray()).containsExactly(106, 107, 108, 100, 101, 102);
            assertThat(batch.target().toLongArray()).containsExactly(107, 108, 109, 101, 102, 103);
        }
    }

    @Test
    void strideControlsOverlap() {
        TokenWindows windows = new TokenWindows(range(10), 4, 1);
        assertThat(windows.size()).isEqualTo(6);   // starts 0..5; the last target ends at index 9
        try (Batch batch = windows.batch(new long[] {5})) {
            assertThat(batch.input().toLongArray()).containsExactly(105, 106, 107, 108);
            assertThat(batch.target().toLongArray()).containsExactly(106, 107, 108, 109);
        }
        assertThat(new TokenWindows(range(10), 2, 3).size()).isEqualTo(3);   // starts 0, 3, 6
        assertThat(new TokenWindows(range(4), 3).size()).isEqualTo(1);        // exactly T + 1 tokens
    }

    @Test
    void targetsAreInputsShiftedByOneForEveryWindow() {
        int[] tokens = new java.util.Random(1).ints(500, 0, 50).toArray();
        TokenWindows windows = new TokenWindows(tokens, 16, 7);
        long[] all = java.util.stream.LongStream.range(0, windows.size()).toArray();
        try (Batch batch = windows.batch(all)) {
            long[] input = batch.input().toLongArray();
            long[] target = batch.target().toLongArray();
            for (int row = 0; row < all.length; row++) {
                for (int t = 0; t < 16; t++) {
                    assertThat(input[row * 16 + t]).isEqualTo(tokens[row * 7 + t]);
                    assertThat(target[row * 16 + t]).isEqualTo(tokens[row * 7 + t + 1]);
                }
            }
        }
    }

    @Test
    void copiesTheStream() {
        int[] tokens = range(5);
        TokenWindows windows = new TokenWindows(tokens, 2);
        tokens[0] = 7;
        try (Batch batch = windows.batch(new long[] {0})) {
            assertThat(batch.input().toLongArray()).containsExactly(100, 101);
        }
    }

    @Test
    void batchesDoNotLeak() {
        TokenWindows windows = new TokenWindows(range(1000), 32);
        windows.batch(new long[] {0}).close();
        long live = backend.memoryStats().liveBytes();
        for (int i = 0; i < 20; i++) {
            windows.batch(new long[] {i, i + 1, 3}).close();
        }
        assertThat(backend.memoryStats().liveBytes()).isEqualTo(live);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new TokenWindows(range(8), 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 8 tokens").hasMessageContaining("needs at least 9");
        assertThatThrownBy(() -> new TokenWindows(range(8), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contextLength must be >= 1, got 0");
        assertThatThrownBy(() -> new TokenWindows(range(8), 2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride must be >= 1, got 0");
        assertThatThrownBy(() -> new TokenWindows(new int[] {1, -2, 3}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokens[1] = -2");
        TokenWindows windows = new TokenWindows(range(10), 3);
        assertThatThrownBy(() -> windows.batch(new long[] {0, 3}))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("indices[1] = 3").hasMessageContaining("[0, 3)");
    }
}
