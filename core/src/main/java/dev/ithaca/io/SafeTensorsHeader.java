package dev.ithaca.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated header of a safetensors file.
 *
 * @param tensors      the entries in data order (ascending offsets), which is also the order of the file
 * @param metadata     the {@code __metadata__} string map, empty when absent
 * @param headerLength N, the byte length of the JSON header (padding included)
 * @param dataLength   byte length of the data buffer, which the tensors cover exactly
 */
public record SafeTensorsHeader(List<TensorEntry> tensors, Map<String, String> metadata, long headerLength, long dataLength) {

    public SafeTensorsHeader {
        tensors = List.copyOf(tensors);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(metadata, "metadata")));
    }

    /** File position where the data buffer starts: the 8-byte length prefix plus the header. */
    public long dataStart() {
        return 8 + headerLength;
    }

    public Optional<TensorEntry> tensor(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Tensor names in data order. */
    public List<String> names() {
        return tensors.stream().map(TensorEntry::name).toList();
    }
}
