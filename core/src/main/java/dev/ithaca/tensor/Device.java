package dev.ithaca.tensor;

import java.util.Objects;

/**
 * Where a tensor's memory lives: a backend name plus a device index ({@code cpu}, {@code cuda:0}).
 */
public record Device(String type, int index) {

    public static final Device CPU = new Device("cpu", 0);

    public Device {
        Objects.requireNonNull(type, "type");
        if (type.isBlank()) {
            throw new IllegalArgumentException("Device type must not be blank");
        }
        if (index < 0) {
            throw new IllegalArgumentException("Device index must be >= 0, got " + index + " for '" + type + "'");
        }
    }

    /** Parses {@code "cpu"}, {@code "cuda"} or {@code "cuda:1"}. */
    public static Device parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return new Device(spec.trim(), 0);
        }
        String indexText = spec.substring(colon + 1).trim();
        try {
            return new Device(spec.substring(0, colon).trim(), Integer.parseInt(indexText));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Device '" + spec + "': index '" + indexText + "' is not a number; expected e.g. 'cuda:0'", e);
        }
    }

    @Override
    public String toString() {
        return "cpu".equals(type) ? type : type + ":" + index;
    }
}
