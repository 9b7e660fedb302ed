package dev.ithaca.spi;

import java.util.Objects;

/**
 * Whether a backend can run here. When it cannot, {@code reason} says what is missing in words a
 * user understands and {@code remedy} says how to fix it; when it can, {@code reason} describes
 * what was found (library version, devices).
 */
public record Availability(boolean available, String reason, String remedy) {

    public Availability {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(remedy, "remedy");
    }

    public static Availability available(String details) {
        return new Availability(true, details, "");
    }

    public static Availability unavailable(String reason, String remedy) {
        return new Availability(false, reason, remedy);
    }

    @Override
    public String toString() {
        return available ? "available (" + reason + ")" : "unavailable: " + reason + (remedy.isEmpty() ? "" : ". " + remedy);
    }
}
