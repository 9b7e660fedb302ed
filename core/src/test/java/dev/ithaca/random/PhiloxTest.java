package dev.ithaca.random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Known-answer vectors of Philox4x32-10 from Random123 (kat_vectors), the generator's reference implementation. */
class PhiloxTest {

    @Test
    void zeroCounterAndKeyMatchRandom123() {
        assertBlock(new int[] {0, 0, 0, 0}, new int[] {0, 0}, 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8);
    }

    @Test
    void allOnesCounterAndKeyMatchRandom123() {
        assertBlock(new int[] {-1, -1, -1, -1}, new int[] {-1, -1}, 0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd);
    }

    @Test
    void piDigitsCounterAndKeyMatchRandom123() {
        assertBlock(new int[] {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, new int[] {0xa4093822, 0x299f31d0},
                0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1);
    }

    @Test
    void seedAndBlockIndexMapToKeyAndLowCounterWords() {
        int[] viaLongs = new int[4];
        int[] viaWords = new int[4];
        Philox.block(0x0000000100000002L, 0x0000000300000004L, viaLongs);
        Philox.block(new int[] {4, 3, 0, 0}, new int[] {2, 1}, viaWords);
        assertThat(viaLongs).containsExactly(viaWords);
    }

    private static void assertBlock(int[] counter, int[] key, int... expected) {
        int[] out = new int[4];
        Philox.block(counter, key, out);
        assertThat(out).containsExactly(expected);
    }
}
