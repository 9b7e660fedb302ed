package dev.ithaca.loops;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A running mean of batch losses weighted by batch size: for a mean-reduced loss it is the mean
 * over every sample, whatever the size of the last batch. Kept as a sum and a count so a resumed
 * epoch continues it exactly.
 */
final class WeightedMean {
    private double sum;
    private long count;

    void add(double value, long weight) {
        sum += value * weight;
        count += weight;
    }

    boolean isEmpty() {
        return count == 0;
    }

    double mean() {
        if (count == 0) {
            throw new IllegalStateException("WeightedMean: no values were added");
        }
        return sum / count;
    }

    void reset() {
        sum = 0;
        count = 0;
    }

    Map<String, Object> stateDict() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("sum", sum);
        state.put("count", count);
        return state;
    }

    void load(double sum, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("WeightedMean: count must be >= 0, got " + count);
        }
        this.sum = sum;
        this.count = count;
    }
}
