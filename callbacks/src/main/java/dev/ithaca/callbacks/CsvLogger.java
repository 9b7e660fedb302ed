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
 * CSV logger does; that rewrite is atomic (temp file + rename). Its state is the step of the last
 * row it wrote: a run resumed from a checkpoint first drops rows written after that checkpoint (by
 * the run that crashed), so no epoch appears twice.
 */
public final class CsvLogger implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(CsvLogger.class);

    private final Path file;
    private List<String> columns;
    private long lastStepWritten = -1;

    public CsvLogger(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    public Path file() {
        return file;
    }

    /** A distinct key per file, so several loggers can share a run. */
    @Override
    public String stateKey() {
        return "CsvLogger{" + file + "}";
    }

    @Override
    public Map<String, Object> stateDict() {
        return Map.of("last_step_written", lastStepWritten);
    }

    /** Drops the rows a crashed run wrote after the checkpoint being resumed from. */
    @Override
    public void loadStateDict(Map<String, ?> state) {
        long saved = StateValues.whole("CsvLogger(" + file + ")", state, "last_step_written");
        try {
            dropRowsAfter(saved);
        } catch (IOException e) {
            throw new UncheckedIOException("CsvLogger: could not trim " + file + " for the resume: " + e.getMessage(), e);
        }
        lastStepWritten = saved;
    }

    private void dropRowsAfter(long step) throws IOException {
        List<String> header = readHeader();
        int stepColumn = header.indexOf("step");
        if (stepColumn < 0) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        StringBuilder kept = new StringBuilder(lines.get(0)).append('\n');
        int dropped = 0;
        for (String row : lines.subList(1, lines.size())) {
            if (row.isEmpty()) {
                continue;
            }
            List<String> fields = parse(row);
            if (stepColumn < fields.size() && !fields.get(stepColumn).isEmpty() && Long.parseLong(fields.get(stepColumn)) > step) {
                dropped++;
            } else {
                kept.append(row).append('\n');
            }
        }
        if (dropped > 0) {
            replaceAtomically(kept.toString());
            LOG.info("CsvLogger: dropped {} rows of {} written after step {} (resumed run)", dropped, file, step);
        }
    }

    @Override
    public CallbackSignal onEpochEnd(TrainingState state) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("epoch", Integer.toString(state.epoch()));
        row.put("step", Long.toString(state.globalStep()));
        new TreeSet<>(state.metrics().keySet()).forEach(key -> row.put(key, Double.toString(state.metrics().get(key))));
        try {
            append(row);
            lastStepWritten = state.globalStep();
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
        replaceAtomically(text.toString());
        LOG.debug("CsvLogger: widened the header of {} to {}", file, wider);
    }

    private void replaceAtomically(String text) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
