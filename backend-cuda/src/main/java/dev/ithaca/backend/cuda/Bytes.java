package dev.ithaca.backend.cuda;

import java.util.Locale;

/** Human-readable byte counts for messages. */
final class Bytes {
    private Bytes() {
    }

    /** {@code 1536} as "1.5 KiB", {@code 80 << 30} as "80.0 GiB". */
    static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
