package dev.ithaca.io;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected values are worked out by hand from the bit layouts, not by another converter. */
class HalfFloatsTest {

    private static float f16(int bits) {
        return HalfFloats.f16ToFloat((short) bits);
    }

    private static float bf16(int bits) {
        return HalfFloats.bf16ToFloat((short) bits);
    }

    @Test
    void f16NormalNumbers() {
        assertThat(f16(0x3C00)).isEqualTo(1.0f);          // exponent 15 = bias, mantissa 0
        assertThat(f16(0xC000)).isEqualTo(-2.0f);         // sign, exponent 16
        assertThat(f16(0x3800)).isEqualTo(0.5f);          // exponent 14
        assertThat(f16(0x3E00)).isEqualTo(1.5f);          // mantissa 0x200 = 1/2
        assertThat(f16(0x7BFF)).isEqualTo(65504.0f);      // largest finite: (2 - 2^-10) * 2^15
        assertThat(f16(0x0400)).isEqualTo(0x1p-14f);      // smallest normal
        assertThat(f16(0x3555)).isEqualTo(0x1.554p-2f);   // 0.333251953125, nearest F16 to 1/3
    }

    @Test
    void f16SubnormalsAndZeros() {
        assertThat(f16(0x0001)).isEqualTo(0x1p-24f);            // smallest subnormal
        assertThat(f16(0x03FF)).isEqualTo(1023 * 0x1p-24f);     // largest subnormal
        assertThat(f16(0x8001)).isEqualTo(-0x1p-24f);
        assertThat(Float.floatToRawIntBits(f16(0x0000))).isEqualTo(0);
        assertThat(Float.floatToRawIntBits(f16(0x8000))).isEqualTo(0x8000_0000);   // -0.0 keeps its sign
    }

    @Test
    void f16InfinitiesAndNaNPayloads() {
        assertThat(f16(0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(f16(0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(Float.floatToRawIntBits(f16(0x7E00))).isEqualTo(0x7FC0_0000);   // quiet NaN
        assertThat(Float.floatToRawIntBits(f16(0x7C01))).isEqualTo(0x7F80_2000);   // payload 1 shifted by 13
        assertThat(Float.floatToRawIntBits(f16(0xFE00))).isEqualTo(0xFFC0_0000);
    }

    @Test
    void bf16IsTheTopHalfOfAFloat() {
        assertThat(bf16(0x3F80)).isEqualTo(1.0f);
        assertThat(bf16(0xC040)).isEqualTo(-3.0f);
        assertThat(bf16(0x4049)).isEqualTo(3.140625f);          // 1.5703125 * 2
        assertThat(bf16(0x7F7F)).isEqualTo(0x1.FEp127f);        // largest finite
        assertThat(bf16(0x0001)).isEqualTo(0x1p-133f);          // smallest subnormal
        assertThat(bf16(0xFF80)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(Float.floatToRawIntBits(bf16(0x7FC1))).isEqualTo(0x7FC1_0000);
        assertThat(Float.floatToRawIntBits(bf16(0x8000))).isEqualTo(0x8000_0000);
    }
}
