package dev.ithaca.callbacks;

import dev.ithaca.train.Callback;
import dev.ithaca.train.CallbackSignal;
import dev.ithaca.train.TrainingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Writes one CSV row per epoch: {@code epoch}, {@code step}, then every metric, columns from the
 * metric keys (sorted). An existing file is appended to (a resumed run continues it), its header
 * kept. When a later epoch brings a metric the header lacks (validation that starts at epoch 5,
 * say), the file is rewritten with the wider header, older rows left blank there, as Lightning's
 * CSV logger does; that rewrite is atomic (temp file + rename).
 */
public final class CsvLogger implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(CsvLogger.class);

    private final Path file;
    private List<String> columns;

    public CsvLogger(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    public Path file() {
        return file;
    }

    /** Stateless; a distinct key per file all the same, so several loggers can share a run. */
    @Override
    public String stateKey() {
        return "CsvLogger{" + file + "}";
    }

    @Override
    public CallbackSignal onEpochEnd(TrainingState state) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("epoch", Integer.toString(state.epoch()));
        row.put("step", Long.toString(state.globalStep()));
        new TreeSet<>(state.metrics().keySet()).forEach(key -> row.put(key, Double.toString(state.metrics().get(key))));
        try {
            append(row);
        } catch (IOException e) {
            throw new UncheckedIOException("CsvLogger: could not write " + file + ": " + e.getMessage(), e);
        }
        return CallbackSignal.CONTINUE;
    }

    private void append(Map<String, String> row) throws IOException {
        if (columns == null) {
            columns = readHeader();
        }
        List<String> wanted = new ArrayList<>(columns);
        row.keySet().stream().filter(key -> !wanted.contains(key)).forEach(wanted::add);
        if (columns.isEmpty()) {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, line(wanted) + "\n", StandardCharsets.UTF_8);
        } else if (!wanted.equals(columns)) {
            rewrite(wanted);
        }
        columns = wanted;
        List<String> values = wanted.stream().map(key -> row.getOrDefault(key, "")).toList();
        Files.writeString(file, line(values) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private List<String> readHeader() throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return List.of();
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.findFirst().map(CsvLogger::parse).orElse(List.of());
        }
    }

    /** Same rows under a wider header: existing columns keep their place, new ones go at the end. */
    private void rewrite(List<String> wider) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder(line(wider)).append('\n');
        String padding = ",".repeat(wider.size() - columns.size());
        for (String old : lines.subList(1, lines.size())) {
            if (!old.isEmpty()) {
                text.append(old).append(padding).append('\n');
            }
        }
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.debug("CsvLogger: widened the header of {} to {}", file, wider);
    }

    private static String line(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String f = fields.get(i);
            boolean quote = f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r");
            out.append(quote ? '"' + f.replace("\"", "\"\"") + '"' : f);
        }
        return out.toString();
    }

    /** Splits one CSV line (RFC 4180 quoting). */
    static List<String> parse(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    @Override
    public String toString() {
        return "CsvLogger(" + file + ")";
    }
}
