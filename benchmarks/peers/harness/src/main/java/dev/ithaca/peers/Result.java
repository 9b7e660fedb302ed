package dev.ithaca.peers;

import java.util.Arrays;
import java.util.List;

/**
 * A workload's scores, one per timed round, in {@code unit} (higher is better).
 *
 * @param workload one of the names in {@link Workloads}
 * @param params   e.g. {@code n=1024}, empty for none
 * @param unit     e.g. {@code GFLOP/s}, {@code samples/s}
 * @param rounds   the score of each round, in order
 */
public record Result(String workload, String params, String unit, List<Double> rounds) {
    public Result {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException(workload + ": a result needs at least one round");
        }
        rounds = List.copyOf(rounds);
    }

    public double best() {
        return rounds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    public double median() {
        double[] sorted = rounds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The last round's score over the first's: well below 1 means the work got slower as it ran (e.g. denormals). */
    public double drift() {
        return rounds.get(rounds.size() - 1) / rounds.get(0);
    }

    /** {@code sgemm n=1024}. */
    public String id() {
        return params.isEmpty() ? workload : workload + " " + params;
    }

    @Override
    public String toString() {
        return id() + " " + Arrays.toString(rounds.toArray()) + " " + unit;
    }
}
