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
 * {@linkplain Measurement#best() best} scores against the target; formats the rows as a text table.
 * Benchmarks left out of the run (by a filter) are left out of the table; a pair with one side
 * absent (it failed) shows as MISSING.
 */
public final class RatioTable {
    private RatioTable() {
    }

    static List<RatioResult> of(Collection<RunResult> results, List<Comparison> comparisons, List<Ceiling> ceilings) {
        Map<String, Map<Map<String, String>, Measurement>> measured = Measurement.group(results);
        List<RatioResult> rows = new ArrayList<>();
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
        return List.copyOf(rows);
    }

    private static RatioResult compare(Comparison c, Map<String, String> params, Measurement tensor, Measurement baseline) {
        boolean judged = c.hasTarget(params);
        String target = judged ? String.format(Locale.ROOT, ">= %.2f", c.minRatio()) : "-";
        String described = Measurement.describe(params);
        String id = RatioResult.idOf(c.label(), described);
        Measurement present = tensor != null ? tensor : baseline;
        if (tensor == null || baseline == null) {
            return new RatioResult(id, c.key(), c.label(), described, tensor == null ? Double.NaN : tensor.best(),
                    baseline == null ? Double.NaN : baseline.best(), present.unit(), Double.NaN, target, RatioResult.Verdict.MISSING);
        }
        double ratio = tensor.speedRatioTo(baseline);
        RatioResult.Verdict verdict = !judged ? RatioResult.Verdict.REPORTED
                : ratio >= c.minRatio() ? RatioResult.Verdict.PASS : RatioResult.Verdict.FAIL;
        return new RatioResult(id, c.key(), c.label(), described, tensor.best(), baseline.best(), tensor.unit(), ratio, target, verdict);
    }

    private static RatioResult limit(Ceiling c, Measurement m) {
        if (!"ns/op".equals(m.unit())) {
            throw new IllegalStateException(c.label() + ": expected a score in ns/op, got " + m.unit());
        }
        RatioResult.Verdict verdict = m.best() < c.maxNanos() ? RatioResult.Verdict.PASS : RatioResult.Verdict.FAIL;
        String params = m.describeParams();
        return new RatioResult(RatioResult.idOf(c.label(), params), c.key(), c.label(), params, m.best(), Double.NaN, m.unit(),
                Double.NaN, String.format(Locale.ROOT, "< %.0f ns/op", c.maxNanos()), verdict);
    }

    /** A fixed-width text table, one row per result: benchmark, params, both best scores, ratio, target, verdict. */
    public static String format(List<RatioResult> rows) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"benchmark", "params", "Tensor (best)", "baseline (best)", "ratio", "target", "verdict"});
        for (RatioResult r : rows) {
            lines.add(new String[] {r.label(), r.params(), score(r.tensorScore(), r.unit()), score(r.baselineScore(), r.unit()),
                    r.hasRatio() ? String.format(Locale.ROOT, "%.3f", r.ratio()) : "-", r.target(), r.verdict().name()});
        }
        return TextTable.format(lines);
    }

    private static String score(double value, String unit) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4g %s", value, unit);
    }
}
