package dev.ithaca.loops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link Trainer#fit} logged, one row per epoch (as Keras's {@code History}), each a map from
 * key to value:
 * <ul>
 *   <li>{@code epoch} (from 0) and {@code step} (optimizer steps taken by the epoch's end);</li>
 *   <li>{@code train_loss}, the epoch's mean training loss per sample, and each training metric
 *       under its own name, computed over the epoch's batches;</li>
 *   <li>{@code val_loss} and {@code val_<metric>} in epochs that validated;</li>
 *   <li>{@code lr}, the first parameter group's learning rate when the epoch (or its resumed part)
 *       began; {@code epoch_seconds}, the epoch's wall time with validation; and
 *       {@code samples_per_second}, training samples over training time (both for the part of the
 *       epoch this process ran).</li>
 * </ul>
 * A resumed run's history continues the one saved in its checkpoint.
 */
public final class History {
    private final List<Map<String, Double>> rows = new ArrayList<>();

    History() {
    }

    void add(Map<String, Double> row) {
        rows.add(Collections.unmodifiableMap(new LinkedHashMap<>(row)));
    }

    void restore(List<Map<String, Double>> saved) {
        rows.clear();
        saved.forEach(this::add);
    }

    /** Rows as plain data, for checkpoints. */
    List<Map<String, Double>> rows() {
        return List.copyOf(rows);
    }

    History copy() {
        History copy = new History();
        copy.rows.addAll(rows);
        return copy;
    }

    /** One unmodifiable map per epoch, in order. */
    public List<Map<String, Double>> epochs() {
        return List.copyOf(rows);
    }

    /** Number of epochs recorded. */
    public int size() {
        return rows.size();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Every key some epoch logged, in first-seen order. */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        rows.forEach(row -> keys.addAll(row.keySet()));
        return Collections.unmodifiableSet(keys);
    }

    /**
     * The values of {@code key}, in epoch order, from the epochs that logged it (so {@code val_loss}
     * has one value per validated epoch).
     *
     * @throws IllegalArgumentException when no epoch logged {@code key}, listing the keys there are
     */
    public List<Double> get(String key) {
        Objects.requireNonNull(key, "key");
        List<Double> values = new ArrayList<>();
        for (Map<String, Double> row : rows) {
            Double value = row.get(key);
            if (value != null) {
                values.add(value);
            }
        }
        if (values.isEmpty() && !rows.isEmpty()) {
            throw new IllegalArgumentException("History: no epoch logged '" + key + "'; the keys are " + keys());
        }
        return List.copyOf(values);
    }

    /** The last epoch's row. */
    public Map<String, Double> last() {
        if (rows.isEmpty()) {
            throw new NoSuchElementException("History: no epoch was recorded (the run stopped before its first epoch ended)");
        }
        return rows.get(rows.size() - 1);
    }

    /**
     * The rows as a JSON array of objects; whole numbers are written without a fraction, NaN and
     * infinities as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
     */
    public String toJson() {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < rows.size(); i++) {
            json.append(i == 0 ? "" : ",").append('{');
            boolean first = true;
            for (Map.Entry<String, Double> entry : rows.get(i).entrySet()) {
                json.append(first ? "" : ",");
                first = false;
                appendString(json, entry.getKey());
                json.append(':').append(number(entry.getValue()));
            }
            json.append('}');
        }
        return json.append(']').toString();
    }

    private static String number(double value) {
        if (!Double.isFinite(value)) {
            return "\"" + value + "\"";
        }
        if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static void appendString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    @Override
    public String toString() {
        return "History(" + rows.size() + " epochs, keys=" + keys() + ")";
    }
}
