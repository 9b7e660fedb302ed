package dev.ithaca.benchmarks;

import java.util.List;

/** Left-aligned fixed-width columns, two spaces apart; the first line is the header. */
public final class TextTable {
    private TextTable() {
    }

    /**
     * @param lines rows of cells, all of the same length
     * @throws IllegalArgumentException when a row has a different number of cells than the header
     */
    public static String format(List<String[]> lines) {
        if (lines.isEmpty()) {
            return "";
        }
        int columns = lines.get(0).length;
        int[] widths = new int[columns];
        for (String[] line : lines) {
            if (line.length != columns) {
                throw new IllegalArgumentException("every row needs " + columns + " cells, got " + line.length + ": " + String.join(" | ", line));
            }
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] line : lines) {
            for (int i = 0; i < columns; i++) {
                text.append(line[i]);
                if (i + 1 < columns) {
                    text.append(" ".repeat(widths[i] - line[i].length() + 2));
                }
            }
            text.append('\n');
        }
        return text.toString();
    }
}
