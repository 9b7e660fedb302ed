package dev.ithaca.io;

import dev.ithaca.tensor.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The tensors and metadata read from a safetensors file. Tensors are in file (data) order and owned
 * by the caller, or by the {@link dev.ithaca.memory.Scope} that was open when they were read;
 * {@link #close()} frees them all.
 */
public record LoadedTensors(Map<String, Tensor> tensors, Map<String, String> metadata) implements AutoCloseable {

    public LoadedTensors {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(tensors, "tensors")));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(metadata, "metadata")));
    }

    /** The tensor called {@code name}; throws naming the tensors that do exist when there is none. */
    public Tensor tensor(String name) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            String held = tensors.keySet().stream().limit(20).collect(Collectors.joining(", "))
                    + (tensors.size() > 20 ? ", ... (" + tensors.size() + " in all)" : "");
            throw new IllegalArgumentException("no tensor named '" + name + "'; the file holds [" + held + "]");
        }
        return tensor;
    }

    /** Frees every tensor (idempotent). */
    @Override
    public void close() {
        tensors.values().forEach(Tensor::close);
    }
}
