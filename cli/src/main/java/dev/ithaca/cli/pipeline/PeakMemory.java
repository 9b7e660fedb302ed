package dev.ithaca.cli.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** The process's peak resident set size, from Linux's {@code /proc/self/status} ({@code VmHWM}). */
public final class PeakMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private PeakMemory() {
    }

    /** Peak RSS in bytes, or empty where {@code /proc} is not available. */
    public static OptionalLong peakRssBytes() {
        return read("VmHWM:");
    }

    /** Current RSS in bytes, or empty where {@code /proc} is not available. */
    public static OptionalLong currentRssBytes() {
        return read("VmRSS:");
    }

    private static OptionalLong read(String key) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(key)) {
                    String[] parts = line.substring(key.length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
