package dev.ithaca.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Serializes a header the way the reference writer does: compact JSON, {@code __metadata__} first
 * (omitted when empty; its keys sorted, so equal inputs give equal bytes), then the tensors in data
 * order with fields {@code dtype}, {@code shape}, {@code data_offsets}, then spaces up to a multiple
 * of 8 bytes so the data buffer starts 8-byte aligned.
 */
final class HeaderWriter {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private HeaderWriter() {
    }

    /** The N header bytes (padding included) for entries already in data order. */
    static byte[] encode(List<TensorEntry> entries, Map<String, String> metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            if (!metadata.isEmpty()) {
                json.writeObjectFieldStart(HeaderParser.METADATA_KEY);
                for (Map.Entry<String, String> item : new TreeMap<>(metadata).entrySet()) {
                    json.writeStringField(item.getKey(), item.getValue());
                }
                json.writeEndObject();
            }
            for (TensorEntry entry : entries) {
                json.writeObjectFieldStart(entry.name());
                json.writeStringField("dtype", entry.dtype().name());
                json.writeFieldName("shape");
                long[] shape = entry.shapeArray();
                json.writeArray(shape, 0, shape.length);
                json.writeFieldName("data_offsets");
                json.writeArray(new long[] {entry.begin(), entry.end()}, 0, 2);
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            // a ByteArrayOutputStream never fails, and the strings were checked to be well-formed
            throw new UncheckedIOException("encoding a safetensors header failed", e);
        }
        byte[] json = out.toByteArray();
        int padded = json.length + (8 - json.length % 8) % 8;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }
}
