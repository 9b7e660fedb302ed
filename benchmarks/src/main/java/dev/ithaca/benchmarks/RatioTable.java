package dev.ithaca.benchmarks;

import org.openjdk.jmh.results.RunResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Pairs each Tensor benchmark with its baseline from the same run and judges the ratio of their
 * {@linkplain Measurement#best() best} scores against the target. Benchmarks left out of the run
 * (by an include filter) are left out of the table; a pair with one side absent (it failed) shows
 * as MISSING.
 */
final class RatioTable {
    enum Verdict { PASS, FAIL, REPORTED, MISSING }

    record Row(String label, String params, String tensor, String baseline, String ratio, String target, Verdict verdict) {
    }

    private final List<Row> rows;

    private RatioTable(List<Row> rows) {
        this.rows = rows;
    }

    static RatioTable of(Collection<RunResult> results, List<Comparison> comparisons, List<Ceiling> ceilings) {
        Map<String, Map<Map<String, String>, Measurement>> measured = Measurement.group(results);
        List<Row> rows = new ArrayList<>();
        for (Comparison c : comparisons) {
            Map<Map<String, String>, Measurement> baselines = measured.getOrDefault(c.benchmarks().get(0), Map.of());
            Map<Map<String, String>, Measurement> tensors = measured.getOrDefault(c.benchmarks().get(1), Map.of());
            Set<Map<String, String>> paramSets = new LinkedHashSet<>(tensors.keySet());
            paramSets.addAll(baselines.keySet());
            for (Map<String, String> params : paramSets) {
                rows.add(compare(c, params, tensors.get(params), baselines.get(params)));
            }
        }
        for (Ceiling c : ceilings) {
            for (Measurement m : measured.getOrDefault(c.benchmarks().get(0), Map.of()).values()) {
                rows.add(limit(c, m));
            }
        }
        return new RatioTable(rows);
    }

    List<Row> rows() {
        return rows;
    }

    boolean has(Verdict verdict) {
        return rows.stream().anyMatch(r -> r.verdict() == verdict);
    }

    private static Row compare(Comparison c, Map<String, String> params, Measurement tensor, Measurement baseline) {
        boolean judged = c.hasTarget(params);
        String target = judged ? String.format(Locale.ROOT, ">= %.2f", c.minRatio()) : "-";
        String describedParams = Measurement.describe(params);
        if (tensor == null || baseline == null) {
            return new Row(c.label(), describedParams, tensor == null ? "absent" : tensor.describeBest(),
                    baseline == null ? "absent" : baseline.describeBest(), "-", target, Verdict.MISSING);
        }
        double ratio = tensor.speedRatioTo(baseline);
        Verdict verdict = !judged ? Verdict.REPORTED : ratio >= c.minRatio() ? Verdict.PASS : Verdict.FAIL;
        return new Row(c.label(), describedParams, tensor.describeBest(), baseline.describeBest(),
                String.format(Locale.ROOT, "%.3f", ratio), target, verdict);
    }

    private static Row limit(Ceiling c, Measurement m) {
        if (!"ns/op".equals(m.unit())) {
            throw new IllegalStateException(c.label() + ": expected a score in ns/op, got " + m.unit());
        }
        Verdict verdict = m.best() < c.maxNanos() ? Verdict.PASS : Verdict.FAIL;
        return new Row(c.label(), m.describeParams(), m.describeBest(), "-", "-",
                String.format(Locale.ROOT, "< %.0f ns/op", c.maxNanos()), verdict);
    }

    /** A fixed-width text table, one row per pair. */
    String format() {
        String[] header = {"benchmark", "params", "Tensor (best)", "baseline (best)", "ratio", "target", "verdict"};
        List<String[]> lines = new ArrayList<>();
        lines.add(header);
        for (Row r : rows) {
            lines.add(new String[] {r.label(), r.params(), r.tensor(), r.baseline(), r.ratio(), r.target(), r.verdict().name()});
        }
        int[] widths = new int[header.length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                String cell = i + 1 < line.length ? String.format(Locale.ROOT, "%-" + widths[i] + "s  ", line[i]) : line[i];
                text.append(cell);
            }
            text.append('\n');
        }
        return text.toString();
    }
}
