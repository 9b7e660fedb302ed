package dev.ithaca.data.csv;

import dev.ithaca.data.DataFormatException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records (RFC 4180): fields separated by a delimiter, records by
 * {@code \n}, {@code \r\n} or {@code \r}; a field in double quotes may hold delimiters, line
 * breaks and doubled quotes ({@code ""}). Empty lines are skipped. Each record remembers the
 * line it starts on, for error messages.
 */
final class CsvRecords {
    /** One record and the (1-based) line it starts on. */
    record Row(long line, List<String> fields) {
    }

    private CsvRecords() {
    }

    static List<Row> parse(Path file, String text, char delimiter) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        long line = 1;
        long recordLine = 1;
        boolean quoted = false;        // inside a quoted field
        boolean wasQuoted = false;     // the current field was quoted and its closing quote seen
        long quoteLine = 0;
        long quoteColumn = 0;
        long column = 0;               // 1-based character column on the current line
        int start = text.startsWith("\uFEFF") ? 1 : 0; // a byte order mark is not part of the first header name
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            column++;
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                        column++;
                    } else {
                        quoted = false;
                        wasQuoted = true;
                    }
                } else {
                    field.append(c);
                    if (c == '\n' || c == '\r' && !(i + 1 < text.length() && text.charAt(i + 1) == '\n')) {
                        line++;
                        column = 0;
                    }
                }
            } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
                quoteLine = line;
                quoteColumn = column;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endRecord(rows, fields, field, recordLine, wasQuoted);
                wasQuoted = false;
                line++;
                column = 0;
                recordLine = line;
            } else if (wasQuoted) {
                throw new DataFormatException(file, "line " + line + ", character " + column + ": unexpected '" + c
                        + "' after the closing quote of a field; write a quote inside a quoted field as \"\"");
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new DataFormatException(file, "line " + quoteLine + ", character " + quoteColumn
                    + ": the quoted field opened here is never closed (the file ends inside it)");
        }
        endRecord(rows, fields, field, recordLine, wasQuoted);
        return rows;
    }

    private static void endRecord(List<Row> rows, List<String> fields, StringBuilder field, long line, boolean wasQuoted) {
        if (fields.isEmpty() && field.length() == 0 && !wasQuoted) {
            return; // an empty line
        }
        fields.add(field.toString());
        rows.add(new Row(line, List.copyOf(fields)));
        fields.clear();
        field.setLength(0);
    }
}
