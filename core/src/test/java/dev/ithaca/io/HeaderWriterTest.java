package dev.ithaca.io;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Header bytes match, byte for byte, what the reference implementation's own tests expect. */
class HeaderWriterTest {

    private static String text(byte[] header) {
        return new String(header, StandardCharsets.UTF_8);
    }

    @Test
    void oneTensorIsCompactJsonInReferenceFieldOrder() {
        // 64 bytes: already a multiple of 8, so no padding (the reference's test_serialization)
        byte[] header = HeaderWriter.encode(List.of(new TensorEntry("attn.0", SafeTensorsDType.F32, List.of(1L, 2L, 3L), 0, 24)), Map.of());
        assertThat(text(header)).isEqualTo("{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}");
        assertThat(header).hasSize(64);
    }

    @Test
    void headerIsPaddedWithSpacesToEightBytes() {
        // the reference's test_serialization_forced_alignement: 65 bytes of JSON plus 7 spaces
        byte[] header = HeaderWriter.encode(List.of(new TensorEntry("attn0", SafeTensorsDType.F32, List.of(1L, 1L, 2L, 3L), 0, 24)), Map.of());
        assertThat(text(header)).isEqualTo("{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}       ");
        assertThat(header).hasSize(72);
    }

    @Test
    void emptyFileWithAndWithoutMetadata() {
        // the reference's test_empty
        assertThat(text(HeaderWriter.encode(List.of(), Map.of()))).isEqualTo("{}      ");
        assertThat(text(HeaderWriter.encode(List.of(), Map.of("framework", "pt")))).isEqualTo("{\"__metadata__\":{\"framework\":\"pt\"}}     ");
    }

    @Test
    void metadataKeysAreSortedSoEqualInputsGiveEqualBytes() {
        byte[] header = HeaderWriter.encode(List.of(), Map.of("b", "2", "a", "1", "c", "\u00e9\"\n"));
        assertThat(text(header).strip()).isEqualTo("{\"__metadata__\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"\u00e9\\\"\\n\"}}");
    }
}
