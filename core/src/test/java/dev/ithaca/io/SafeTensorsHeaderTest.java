package dev.ithaca.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.ithaca.io.SafeTensorsBytes.entry;
import static dev.ithaca.io.SafeTensorsBytes.file;
import static org.assertj.core.api.Assertions.assertThat;

/** Valid headers, including the edge cases the specification allows, are read as written. */
class SafeTensorsHeaderTest {
    @TempDir
    Path dir;

    private SafeTensorsHeader read(byte[] bytes) throws IOException {
        return SafeTensors.readHeader(SafeTensorsBytes.write(dir.resolve("h.safetensors"), bytes));
    }

    @Test
    void specificationExampleWithPaddingAndMetadata() throws IOException {
        String json = "{\"__metadata__\":{\"format\":\"pt\",\"note\":\"caf\u00e9 \u2603\"},"
                + entry("weight", "F16", "[1,16,256]", 0, 8192) + "}";
        byte[] header = (json + " ".repeat((8 - json.getBytes(StandardCharsets.UTF_8).length % 8) % 8)).getBytes(StandardCharsets.UTF_8);
        SafeTensorsHeader parsed = read(file(header, new byte[8192]));

        assertThat(parsed.metadata()).containsExactly(Map.entry("format", "pt"), Map.entry("note", "caf\u00e9 \u2603"));
        assertThat(parsed.tensors()).containsExactly(new TensorEntry("weight", SafeTensorsDType.F16, List.of(1L, 16L, 256L), 0, 8192));
        assertThat(parsed.headerLength()).isEqualTo(header.length).isEqualTo(parsed.dataStart() - 8);
        assertThat(parsed.dataLength()).isEqualTo(8192);
    }

    @Test
    void entriesComeBackInDataOrderWhateverTheJsonOrder() throws IOException {
        String json = "{" + entry("z", "I64", "[1]", 0, 8) + "," + entry("b", "BOOL", "[3]", 12, 15) + ","
                + entry("a", "F32", "[]", 8, 12) + "}";
        SafeTensorsHeader parsed = read(file(json, new byte[15]));
        assertThat(parsed.names()).containsExactly("z", "a", "b");
        assertThat(parsed.tensor("a")).hasValueSatisfying(a -> {
            assertThat(a.shape()).isEmpty();          // 0-dim: a scalar of one element
            assertThat(a.numel()).isEqualTo(1);
        });
    }

    @Test
    void emptyTensorsOccupyNoBytesAndMayShareAnOffset() throws IOException {
        String json = "{" + entry("e1", "F32", "[0]", 0, 0) + "," + entry("e2", "F64", "[3,0,2]", 0, 0) + ","
                + entry("x", "I32", "[1]", 0, 4) + "}";
        SafeTensorsHeader parsed = read(file(json, new byte[4]));
        assertThat(parsed.tensors()).extracting(TensorEntry::numel).containsExactlyInAnyOrder(0L, 0L, 1L);
    }

    @Test
    void noTensorsAtAll() throws IOException {
        SafeTensorsHeader parsed = read(file("{}      ", new byte[0]));
        assertThat(parsed.tensors()).isEmpty();
        assertThat(parsed.metadata()).isEmpty();
    }

    @Test
    void nullMetadataReadsAsAbsentAndUnknownEntryFieldsAreIgnored() throws IOException {
        String json = "{\"__metadata__\":null,\"w\":{\"dtype\":\"I32\",\"future\":{\"x\":[1,{\"y\":null}]},\"shape\":[2],"
                + "\"data_offsets\":[0,8]}}";
        SafeTensorsHeader parsed = read(file(json, new byte[8]));
        assertThat(parsed.metadata()).isEmpty();
        assertThat(parsed.names()).containsExactly("w");
    }

    @Test
    void everySpecificationDtypeIsUnderstoodWithItsPackedSize() throws IOException {
        // 8 elements each: sub-byte types pack, so F4 takes 4 bytes and F6 six
        StringBuilder json = new StringBuilder("{");
        long offset = 0;
        for (SafeTensorsDType dtype : SafeTensorsDType.values()) {
            long bytes = 8L * dtype.bits() / 8;
            json.append(offset == 0 ? "" : ",").append(entry(dtype.name(), dtype.name(), "[2,4]", offset, offset + bytes));
            offset += bytes;
        }
        SafeTensorsHeader parsed = read(file(json.append('}').toString(), new byte[(int) offset]));
        assertThat(parsed.tensors()).extracting(TensorEntry::dtype).containsExactly(SafeTensorsDType.values());
        assertThat(parsed.tensor("F4").orElseThrow().byteLength()).isEqualTo(4);
        assertThat(parsed.tensor("F6_E3M2").orElseThrow().byteLength()).isEqualTo(6);
        assertThat(parsed.tensor("C64").orElseThrow().byteLength()).isEqualTo(64);
    }

    @Test
    void namesMayHoldAnyUnicodeAndJsonEscapes() throws IOException {
        String json = "{" + entry("layer.0/\\u00e9\\n\\ud83d\\ude00 \u4e2d", "F32", "[1]", 0, 4) + "}";
        assertThat(read(file(json, new byte[4])).names()).containsExactly("layer.0/\u00e9\n\ud83d\ude00 \u4e2d");
    }
}
