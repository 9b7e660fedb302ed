package dev.ithaca.data.csv;

import dev.ithaca.data.DataFiles;
import dev.ithaca.data.DataFormatException;
import dev.ithaca.data.Dataset;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A table from a CSV file with a header row: every column but the label is a numeric feature
 * (FLOAT32 {@code [batch, features]}); the label column gives INT64 class indices
 * {@code [batch]} for classification or FLOAT32 values {@code [batch]} for regression. Without
 * a label column, batches have no target.
 *
 * <p>Classification labels that are all integers are used as they are; otherwise they are class
 * names, numbered in sorted order ({@link #classes()}), as scikit-learn's {@code LabelEncoder}.
 * The file is UTF-8; fields may be quoted (RFC 4180); spaces around numbers are ignored.
 * Problems are {@link DataFormatException}s naming the file, line, column and text.
 *
 * <pre>{@code
 * CsvDataset iris = CsvDataset.builder(Path.of("iris.csv")).labelColumn("species").build();
 * CsvDataset houses = CsvDataset.builder(Path.of("houses.tsv")).delimiter('\t').labelColumn("price").regression(true).build();
 * }</pre>
 */
public final class CsvDataset implements Dataset {
    /** Decimal numbers as Java, C and Python write them, plus nan and inf (any case, optional sign). */
    private static final Pattern NUMBER = Pattern.compile(
            "[+-]?((\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|(?i:nan|inf|infinity))");

    private final Path file;
    private final List<String> featureNames;
    private final String labelName;
    private final boolean regression;
    private final List<String> classes;
    private final int rows;
    private final float[] features;
    private final long[] classLabels;
    private final float[] values;

    private CsvDataset(Builder b) {
        this.file = b.file;
        this.regression = b.regression;
        List<CsvRecords.Row> records = CsvRecords.parse(file,
                DataFiles.decodeUtf8(file, DataFiles.readAllBytes(file, "CSV file")), b.delimiter);
        if (records.isEmpty()) {
            throw new DataFormatException(file, "is empty; expected a header row naming the columns");
        }
        List<String> header = records.get(0).fields().stream().map(String::strip).toList();
        int label = labelIndex(b, header);
        this.labelName = label < 0 ? null : header.get(label);
        List<String> names = new ArrayList<>(header);
        if (label >= 0) {
            names.remove(label);
        }
        this.featureNames = List.copyOf(names);
        this.rows = records.size() - 1;
        int width = featureNames.size();
        this.features = new float[Math.multiplyExact(rows, width)];
        String[] labelTexts = new String[label < 0 ? 0 : rows];
        long[] labelLines = new long[labelTexts.length];
        for (int r = 0; r < rows; r++) {
            CsvRecords.Row row = records.get(r + 1);
            if (row.fields().size() != header.size()) {
                throw new DataFormatException(file, "line " + row.line() + " has " + row.fields().size() + " fields but the header"
                        + " (line " + records.get(0).line() + ") has " + header.size() + "; check the delimiter '" + b.delimiter
                        + "' and quoting");
            }
            int f = 0;
            for (int c = 0; c < header.size(); c++) {
                if (c == label) {
                    labelTexts[r] = row.fields().get(c).strip();
                    labelLines[r] = row.line();
                } else {
                    features[r * width + f++] = number(row.fields().get(c), row.line(), c, header.get(c));
                }
            }
        }
        if (label < 0) {
            this.classes = List.of();
            this.classLabels = null;
            this.values = null;
        } else if (regression) {
            this.classes = List.of();
            this.classLabels = null;
            this.values = new float[rows];
            for (int r = 0; r < rows; r++) {
                values[r] = number(labelTexts[r], labelLines[r], label, labelName);
            }
        } else {
            this.values = null;
            this.classLabels = new long[rows];
            this.classes = classify(labelTexts, labelLines, classLabels);
        }
    }

    /** Classification over all columns but {@code labelColumn}, comma-separated. */
    public static CsvDataset of(Path file, String labelColumn) {
        return builder(file).labelColumn(labelColumn).build();
    }

    public static Builder builder(Path file) {
        return new Builder(file);
    }

    public Path file() {
        return file;
    }

    @Override
    public long size() {
        return rows;
    }

    /** Names of the feature columns, in order. */
    public List<String> featureNames() {
        return featureNames;
    }

    public int featureCount() {
        return featureNames.size();
    }

    /** Name of the label column, or null without one. */
    public String labelName() {
        return labelName;
    }

    /** Class names by index when the labels are names; empty for integer labels, regression or no label. */
    public List<String> classes() {
        return classes;
    }

    @Override
    public Batch batch(long[] indices) {
        int width = featureNames.size();
        float[] x = new float[Math.multiplyExact(indices.length, width)];
        long[] classTargets = classLabels == null ? null : new long[indices.length];
        float[] valueTargets = values == null ? null : new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            long index = indices[i];
            if (index < 0 || index >= rows) {
                throw new IndexOutOfBoundsException("CsvDataset " + file + ": index " + index + " is outside [0, " + rows + ")");
            }
            int r = (int) index;
            System.arraycopy(features, r * width, x, i * width, width);
            if (classTargets != null) {
                classTargets[i] = classLabels[r];
            } else if (valueTargets != null) {
                valueTargets[i] = values[r];
            }
        }
        Tensor input = Tensor.of(x, indices.length, width);
        try {
            Tensor target = classTargets != null ? Tensor.of(classTargets, indices.length)
                    : valueTargets != null ? Tensor.of(valueTargets, indices.length) : null;
            return new Batch(input, target);
        } catch (RuntimeException e) {
            input.close();
            throw e;
        }
    }

    private int labelIndex(Builder b, List<String> header) {
        if (b.labelName != null) {
            int index = header.indexOf(b.labelName);
            if (index < 0) {
                throw new DataFormatException(file, "has no column named '" + b.labelName + "'; the header has " + header);
            }
            return index;
        }
        if (b.labelIndex != null && b.labelIndex >= header.size()) {
            throw new DataFormatException(file, "has " + header.size() + " columns " + header + ", so label column index "
                    + b.labelIndex + " does not exist (indices start at 0)");
        }
        return b.labelIndex == null ? -1 : b.labelIndex;
    }

    private float number(String text, long line, int column, String name) {
        String s = text.strip();
        if (!NUMBER.matcher(s).matches()) {
            throw new DataFormatException(file, "line " + line + ", column " + (column + 1) + " ('" + name + "'): '" + text
                    + "' is not a number" + (s.isEmpty() ? " (the cell is empty)" : ""));
        }
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith("nan")) {
            return Float.NaN;
        }
        if (lower.endsWith("inf") || lower.endsWith("infinity")) {
            return s.startsWith("-") ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        }
        return Float.parseFloat(s);
    }

    /** Fills {@code out} with class indices; returns the class names, or an empty list for integer labels. */
    private List<String> classify(String[] texts, long[] lines, long[] out) {
        boolean integers = true;
        for (String text : texts) {
            if (!isInteger(text)) {
                integers = false;
                break;
            }
        }
        if (integers) {
            for (int r = 0; r < texts.length; r++) {
                out[r] = Long.parseLong(texts[r].startsWith("+") ? texts[r].substring(1) : texts[r]);
                if (out[r] < 0) {
                    throw new DataFormatException(file, "line " + lines[r] + ", column '" + labelName + "': class label "
                            + out[r] + " is negative; class indices start at 0");
                }
            }
            return List.of();
        }
        List<String> names = List.copyOf(new TreeSet<>(List.of(texts)));
        Map<String, Long> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), (long) i);
        }
        for (int r = 0; r < texts.length; r++) {
            out[r] = index.get(texts[r]);
        }
        return names;
    }

    private static boolean isInteger(String text) {
        int start = text.startsWith("+") || text.startsWith("-") ? 1 : 0;
        if (text.length() == start || text.length() - start > 18) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "CsvDataset(" + file + ", " + rows + " rows, " + featureNames.size() + " features"
                + (labelName == null ? "" : ", label '" + labelName + "'" + (regression ? " (regression)" : "")) + ")";
    }

    /** Options of a {@link CsvDataset}. */
    public static final class Builder {
        private final Path file;
        private char delimiter = ',';
        private String labelName;
        private Integer labelIndex;
        private boolean regression;

        private Builder(Path file) {
            this.file = Objects.requireNonNull(file, "file");
        }

        /** Field separator (default {@code ','}); not a quote, line break or space. */
        public Builder delimiter(char delimiter) {
            if (delimiter == '"' || delimiter == '\n' || delimiter == '\r' || delimiter == ' ') {
                throw new IllegalArgumentException("CsvDataset: delimiter cannot be " + (delimiter == '"' ? "'\"'"
                        : delimiter == ' ' ? "a space" : "a line break") + "; use ',', ';', '\\t' or '|'");
            }
            this.delimiter = delimiter;
            return this;
        }

        /** The label column by its header name (replaces an index set before). */
        public Builder labelColumn(String name) {
            this.labelName = Objects.requireNonNull(name, "labelColumn");
            this.labelIndex = null;
            return this;
        }

        /** The label column by position, from 0 (replaces a name set before). */
        public Builder labelColumn(int index) {
            if (index < 0) {
                throw new IllegalArgumentException("CsvDataset: labelColumn index must be >= 0, got " + index);
            }
            this.labelIndex = index;
            this.labelName = null;
            return this;
        }

        /** FLOAT32 label values for regression instead of INT64 class indices (default false). */
        public Builder regression(boolean regression) {
            this.regression = regression;
            return this;
        }

        /** Reads and validates the whole file. */
        public CsvDataset build() {
            if (regression && labelName == null && labelIndex == null) {
                throw new IllegalArgumentException("CsvDataset: regression(true) needs a labelColumn for the target values");
            }
            return new CsvDataset(this);
        }
    }
}
