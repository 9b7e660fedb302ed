package dev.ithaca.benchmarks;

import java.util.Objects;

/**
 * One row of a benchmark run: a Tensor benchmark's best score, its baseline's best score from the
 * same run, and their speed ratio (higher is better; 1.0 is as fast as the baseline). A benchmark
 * judged by its own time (the dispatch ceiling) has no baseline: its baseline score and ratio are NaN.
 *
 * @param id            unique name of the ratio, e.g. {@code "matmul n=1024"}: the label and the parameters
 * @param key           the suite's short name (also the key of {@code ithaca.bench.injectSlowdown})
 * @param label         what the table calls it
 * @param params        JMH parameters, e.g. {@code "n=1024"}, empty for none
 * @param tensorScore   the Tensor side's best iteration, NaN when it produced no result
 * @param baselineScore the baseline's best iteration, NaN when it produced no result or there is none
 * @param unit          the score's unit (e.g. {@code ops/s}, {@code ns/op})
 * @param ratio         Tensor speed over baseline speed, NaN when either side is absent
 * @param target        the absolute target, as text ({@code ">= 0.95"}, {@code "< 1000 ns/op"}, {@code "-"})
 * @param verdict       the ratio against the target
 */
public record RatioResult(String id, String key, String label, String params, double tensorScore, double baselineScore,
                          String unit, double ratio, String target, Verdict verdict) {

    /** A row against its absolute target. */
    public enum Verdict {
        /** The target is met. */
        PASS,
        /** The target is missed. */
        FAIL,
        /** No target applies; the figure is reported only. */
        REPORTED,
        /** One side produced no result (it failed), so there is no ratio. */
        MISSING
    }

    public RatioResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(verdict, "verdict");
    }

    /** The id of a ratio: its label, then its parameters if it has any. */
    public static String idOf(String label, String params) {
        return params.isEmpty() ? label : label + " " + params;
    }

    /** Whether this row has a ratio to compare (both sides measured, and it is a pair). */
    public boolean hasRatio() {
        return !Double.isNaN(ratio);
    }
}
