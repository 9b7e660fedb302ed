package dev.ithaca.benchmarks.guard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ithaca.benchmarks.JsonFile;
import dev.ithaca.benchmarks.RatioResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The ratios a run is expected to reach, each with how far it may fall before the guard calls it
 * a regression. Read from a JSON file:
 *
 * <pre>{@code
 * { "comment": "...",
 *   "ratios": { "matmul n=1024": { "ratio": 1.00, "tolerance": 0.20 }, ... } }
 * }</pre>
 *
 * Keys are {@linkplain RatioResult#id() ratio ids}; {@code tolerance} is the largest relative drop
 * allowed (0.20: the ratio may fall to 80% of {@code ratio}); an entry may carry a {@code note}.
 */
public final class Baseline {
    /** The baseline shipped in the benchmarks jar (a copy of {@code benchmarks/baseline.json}). */
    public static final String RESOURCE = "/dev/ithaca/benchmarks/baseline.json";
    /** Tolerance given to a ratio that {@link #updatedWith} adds and that had no entry before. */
    public static final double DEFAULT_TOLERANCE = 0.25;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> ENTRY_FIELDS = List.of("ratio", "tolerance", "note");

    /**
     * @param ratio     the expected ratio (Tensor speed / baseline speed), > 0
     * @param tolerance the largest relative drop allowed, in (0, 1)
     * @param note      why the figure is what it is, or empty
     */
    public record Expected(double ratio, double tolerance, String note) {
        public Expected {
            if (!(ratio > 0) || Double.isInfinite(ratio)) {
                throw new IllegalArgumentException("ratio must be a finite number > 0, got " + ratio);
            }
            if (!(tolerance > 0 && tolerance < 1)) {
                throw new IllegalArgumentException("tolerance must be in (0, 1) (a relative drop), got " + tolerance);
            }
            Objects.requireNonNull(note, "note");
        }

        /** The lowest ratio that still passes. */
        public double floor() {
            return ratio * (1 - tolerance);
        }
    }

    private final String comment;
    private final Map<String, Expected> ratios;

    public Baseline(String comment, Map<String, Expected> ratios) {
        this.comment = Objects.requireNonNull(comment, "comment");
        this.ratios = Collections.unmodifiableMap(new LinkedHashMap<>(ratios));
    }

    /** Reads a baseline file; the message of a failure names the file and the bad entry. */
    public static Baseline load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** The baseline bundled in the jar. */
    public static Baseline bundled() {
        try (InputStream in = Baseline.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " on the class path; was the benchmarks jar built with its resources?");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Parses baseline JSON; {@code source} names it in error messages. */
    public static Baseline parse(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("ratios").isObject()) {
            throw new IllegalArgumentException(source + ": expected an object with a \"ratios\" object, got " + root);
        }
        Map<String, Expected> ratios = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.get("ratios").properties()) {
            ratios.put(e.getKey(), entry(source, e.getKey(), e.getValue()));
        }
        return new Baseline(root.path("comment").asText(""), ratios);
    }

    private static Expected entry(String source, String id, JsonNode node) {
        String where = source + ": ratio '" + id + "'";
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be an object {\"ratio\": .., \"tolerance\": ..}, got " + node);
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!ENTRY_FIELDS.contains(field.getKey())) {
                throw new IllegalArgumentException(where + " has an unknown field '" + field.getKey() + "'; valid: " + ENTRY_FIELDS);
            }
        }
        for (String field : List.of("ratio", "tolerance")) {
            if (!node.path(field).isNumber()) {
                throw new IllegalArgumentException(where + " needs a number \"" + field + "\", got " + node.get(field));
            }
        }
        try {
            return new Expected(node.get("ratio").asDouble(), node.get("tolerance").asDouble(), node.path("note").asText(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    public String comment() {
        return comment;
    }

    /** Expected ratios by id, in file order. */
    public Map<String, Expected> ratios() {
        return ratios;
    }

    /**
     * This baseline with the measured ratios put in: tolerances and notes are kept, ratios new to it get
     * {@link #DEFAULT_TOLERANCE}, entries not measured stay as they were. Rows without a ratio are skipped.
     */
    public Baseline updatedWith(List<RatioResult> measured) {
        Map<String, Expected> updated = new LinkedHashMap<>(ratios);
        for (RatioResult r : measured) {
            if (!r.hasRatio()) {
                continue;
            }
            Expected old = ratios.get(r.id());
            double rounded = Math.round(r.ratio() * 1000) / 1000.0;
            updated.put(r.id(), old == null ? new Expected(rounded, DEFAULT_TOLERANCE, "")
                    : new Expected(rounded, old.tolerance(), old.note()));
        }
        return new Baseline(comment, updated);
    }

    /** Writes this baseline as JSON (atomically: the old file stays whole until the new one is complete). */
    public void write(Path file) throws IOException {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("comment", comment);
        Map<String, Object> entries = new LinkedHashMap<>();
        ratios.forEach((id, e) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("ratio", e.ratio());
            entry.put("tolerance", e.tolerance());
            if (!e.note().isEmpty()) {
                entry.put("note", e.note());
            }
            entries.put(id, entry);
        });
        tree.put("ratios", entries);
        JsonFile.write(file, tree);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Baseline[%d ratios]", ratios.size());
    }
}
