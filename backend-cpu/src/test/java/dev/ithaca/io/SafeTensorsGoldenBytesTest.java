package dev.ithaca.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files built here byte by byte from the specification, independently of the writer: the reader
 * must accept them, and the writer must produce them exactly.
 */
class SafeTensorsGoldenBytesTest {
    @TempDir
    Path dir;

    /** One F32 tensor "x" = [1.0, 2.0]: 54 bytes of JSON, 2 spaces of padding, 8 bytes of data. */
    private static final byte[] ONE_TENSOR = bytes(
            56, 0, 0, 0, 0, 0, 0, 0,                                              // N = 56, u64 little-endian
            "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}  ",  // header padded to 8 bytes
            0x00, 0x00, 0x80, 0x3F,                                               // 1.0f = 0x3F800000, little-endian
            0x00, 0x00, 0x00, 0x40);                                              // 2.0f = 0x40000000

    /** Assembles ints (as bytes), strings (as UTF-8) and byte arrays in order. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else if (part instanceof byte[] b) {
                out.writeBytes(b);
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    private static byte[] littleEndianFloats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }

    @Test
    void readerAcceptsTheHandBuiltFile() throws IOException {
        Path file = Files.write(dir.resolve("golden.safetensors"), ONE_TENSOR);
        try (LoadedTensors loaded = SafeTensors.read(file)) {
            assertThat(loaded.tensors()).containsOnlyKeys("x");
            assertThat(loaded.tensor("x").dtype()).isEqualTo(DType.FLOAT32);
            assertThat(loaded.tensor("x").shape()).containsExactly(2);
            assertThat(loaded.tensor("x").toFloatArray()).containsExactly(1.0f, 2.0f);
            assertThat(loaded.metadata()).isEmpty();
        }
    }

    @Test
    void writerProducesTheHandBuiltFileExactly() throws IOException {
        Path file = dir.resolve("written.safetensors");
        SafeTensors.write(file, Map.of("x", Tensor.of(new float[] {1, 2})));
        assertThat(Files.readAllBytes(file)).isEqualTo(ONE_TENSOR);
    }

    @Test
    void writerOutputParsesToTheSameHeaderAndData() throws IOException {
        Path file = dir.resolve("parsed.safetensors");
        SafeTensors.write(file, Map.of("x", Tensor.of(new float[] {1, 2}), "y", Tensor.of(new long[] {-1}, 1)),
                Map.of("epoch", "3"));
        byte[] written = Files.readAllBytes(file);

        // decode by hand: u64 length, JSON, data
        long n = ByteBuffer.wrap(written, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(written, 8, (int) n, StandardCharsets.UTF_8);
        ObjectMapper json = new ObjectMapper();
        JsonNode expected = json.readTree("{\"__metadata__\":{\"epoch\":\"3\"},"
                + "\"y\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}");
        assertThat(json.readTree(header)).isEqualTo(expected);
        assertThat(n % 8).isZero();
        assertThat(header.stripTrailing()).hasSizeGreaterThan((int) n - 8);   // only padding spaces follow the JSON

        byte[] data = Arrays.copyOfRange(written, 8 + (int) n, written.length);
        assertThat(data).isEqualTo(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0x40));
    }

    @Test
    void writerMatchesTheReferenceImplementationsTestVectors() throws IOException {
        // safetensors' own tests: "attn.0" F32 [1, 2, 3] = 0..5, and an empty file with {"framework": "pt"}
        Path file = dir.resolve("reference.safetensors");
        SafeTensors.write(file, Map.of("attn.0", Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 1, 2, 3)));
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes(64, 0, 0, 0, 0, 0, 0, 0,
                "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}",
                littleEndianFloats(0, 1, 2, 3, 4, 5)));

        SafeTensors.write(file, Map.of(), Map.of("framework", "pt"));
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes(40, 0, 0, 0, 0, 0, 0, 0, "{\"__metadata__\":{\"framework\":\"pt\"}}     "));
    }

    @Test
    void halfPrecisionTensorsWidenToFloat32() throws IOException {
        // F16 [2, 2]: 1.0, -2.0, 65504 (largest), 2^-24 (smallest subnormal); BF16 [3]: 1.0, -3.0, 3.140625
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[2,2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[8,14]},"
                + "\"m\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[14,17]}}";
        byte[] file = bytes(header.length(), 0, 0, 0, 0, 0, 0, 0, header,
                0x00, 0x3C, 0x00, 0xC0, 0xFF, 0x7B, 0x01, 0x00,   // F16, little-endian
                0x80, 0x3F, 0x40, 0xC0, 0x49, 0x40,               // BF16, little-endian
                0x00, 0x01, 0x02);                                // BOOL: any non-zero byte is true
        try (LoadedTensors loaded = SafeTensors.read(Files.write(dir.resolve("half.safetensors"), file))) {
            Tensor h = loaded.tensor("h");
            assertThat(h.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(h.shape()).containsExactly(2, 2);
            assertThat(h.toFloatArray()).containsExactly(1.0f, -2.0f, 65504.0f, 0x1p-24f);
            assertThat(loaded.tensor("b").dtype()).isEqualTo(DType.FLOAT32);
            assertThat(loaded.tensor("b").toFloatArray()).containsExactly(1.0f, -3.0f, 3.140625f);
            assertThat(loaded.tensor("m").toBooleanArray()).containsExactly(false, true, true);
            assertThat(List.copyOf(loaded.tensors().keySet())).containsExactly("h", "b", "m");
        }
    }
}
