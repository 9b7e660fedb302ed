package dev.ithaca.cli.pipeline;

import java.util.Arrays;

/** Percentiles of measured durations (nearest rank, as most latency reports use). */
public record Latency(double p50Millis, double p95Millis, double meanMillis, int runs) {

    public static Latency of(double[] millis) {
        if (millis.length == 0) {
            throw new IllegalArgumentException("Latency: no measurements");
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new Latency(percentile(sorted, 50), percentile(sorted, 95), Arrays.stream(sorted).average().orElse(0), sorted.length);
    }

    /** The smallest value with at least {@code p} percent of the values at or below it. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
