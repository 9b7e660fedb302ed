package dev.ithaca.benchmarks.guard;

import dev.ithaca.benchmarks.BenchReport;
import dev.ithaca.benchmarks.RatioResult;
import dev.ithaca.benchmarks.TextTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A benchmark run judged against a {@link Baseline}: which ratios held, which fell by more than
 * their tolerance, and which could not be judged. Ratios without a baseline counterpart (absolute
 * ceilings such as dispatch) are left to the run's own table.
 */
public final class GuardReport {
    private final BenchReport run;
    private final List<GuardFinding> findings;

    private GuardReport(BenchReport run, List<GuardFinding> findings) {
        this.run = run;
        this.findings = List.copyOf(findings);
    }

    /** Judges the run's ratios against the baseline. */
    public static GuardReport of(BenchReport run, Baseline baseline) {
        return new GuardReport(run, compare(run.ratios(), baseline));
    }

    /** The comparison alone: one finding per baseline entry (in file order), then one per measured ratio it lacks. */
    public static List<GuardFinding> compare(List<RatioResult> measured, Baseline baseline) {
        Map<String, RatioResult> byId = new LinkedHashMap<>();
        for (RatioResult r : measured) {
            if (r.hasRatio() || r.verdict() == RatioResult.Verdict.MISSING) {
                byId.put(r.id(), r);
            }
        }
        List<GuardFinding> findings = new ArrayList<>();
        for (Map.Entry<String, Baseline.Expected> e : baseline.ratios().entrySet()) {
            String id = e.getKey();
            Baseline.Expected expected = e.getValue();
            RatioResult r = byId.remove(id);
            if (r == null) {
                findings.add(new GuardFinding(id, Double.NaN, expected.ratio(), expected.tolerance(), GuardFinding.Status.NOT_RUN));
            } else if (!r.hasRatio()) {
                findings.add(new GuardFinding(id, Double.NaN, expected.ratio(), expected.tolerance(), GuardFinding.Status.FAILED));
            } else {
                findings.add(new GuardFinding(id, r.ratio(), expected.ratio(), expected.tolerance(), judge(r.ratio(), expected)));
            }
        }
        for (RatioResult r : byId.values()) {
            if (r.hasRatio()) {
                findings.add(new GuardFinding(r.id(), r.ratio(), Double.NaN, Double.NaN, GuardFinding.Status.NO_BASELINE));
            }
        }
        return findings;
    }

    private static GuardFinding.Status judge(double measured, Baseline.Expected expected) {
        double change = measured / expected.ratio() - 1;
        if (change < -expected.tolerance()) {
            return GuardFinding.Status.REGRESSED;
        }
        return change > expected.tolerance() ? GuardFinding.Status.IMPROVED : GuardFinding.Status.OK;
    }

    public BenchReport run() {
        return run;
    }

    public List<GuardFinding> findings() {
        return findings;
    }

    public List<GuardFinding> regressions() {
        return withStatus(GuardFinding.Status.REGRESSED);
    }

    public List<GuardFinding> withStatus(GuardFinding.Status status) {
        return findings.stream().filter(f -> f.status() == status).toList();
    }

    /** No ratio regressed and every guarded ratio that ran was measured. */
    public boolean passed() {
        return regressions().isEmpty() && withStatus(GuardFinding.Status.FAILED).isEmpty() && run.failed().isEmpty();
    }

    /**
     * True when the verdict cannot be trusted: something failed to run, or ratios fell while other
     * processes were using the machine ({@link BenchReport#machineWasBusy()}), which lowers the
     * multi-threaded Tensor sides against single-threaded baselines by itself.
     */
    public boolean cannotJudge() {
        return !run.failed().isEmpty() || !withStatus(GuardFinding.Status.FAILED).isEmpty()
                || (run.machineWasBusy() && !regressions().isEmpty());
    }

    /** Suite keys of the regressed ratios, for {@link dev.ithaca.benchmarks.BenchRunner#confirm}. */
    public Set<String> regressedKeys() {
        Set<String> ids = new LinkedHashSet<>();
        regressions().forEach(f -> ids.add(f.id()));
        Set<String> keys = new LinkedHashSet<>();
        run.ratios().stream().filter(r -> ids.contains(r.id())).forEach(r -> keys.add(r.key()));
        return keys;
    }

    /** A table of every finding (ratio, baseline, measured, change, tolerance, status), then one line per problem. */
    public String format() {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"ratio", "baseline", "measured", "change", "tolerance", "status"});
        for (GuardFinding f : findings) {
            boolean judged = !Double.isNaN(f.measured()) && !Double.isNaN(f.expected());
            lines.add(new String[] {f.id(), GuardFinding.format(f.expected()), GuardFinding.format(f.measured()),
                    judged ? String.format(Locale.ROOT, "%+.1f%%", 100 * f.change()) : "-",
                    Double.isNaN(f.tolerance()) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * f.tolerance()), f.status().name()});
        }
        StringBuilder text = new StringBuilder(TextTable.format(lines));
        for (GuardFinding f : findings) {
            switch (f.status()) {
                case REGRESSED -> text.append("REGRESSION ").append(f.describe()).append('\n');
                case FAILED -> text.append("NOT MEASURED ").append(f.describe()).append('\n');
                case IMPROVED -> text.append("improved ").append(f.describe()).append("; consider --write-baseline\n");
                default -> {
                }
            }
        }
        if (!run.failed().isEmpty()) {
            text.append("FAILED benchmark runs: ").append(run.failed()).append('\n');
        }
        if (run.machineWasBusy()) {
            text.append(String.format(Locale.ROOT, "Machine busy: other processes used %.0f%% of the CPU during the run (more than %.0f%%);"
                    + " they slow the multi-threaded Tensor side, not the single-threaded baselines, so falls cannot be told"
                    + " from regressions. Run again on a quiet machine.%n", 100 * run.foreignCpuShare(), 100 * BenchReport.BUSY_LIMIT));
        }
        if (passed()) {
            text.append("Guard: PASS\n");
        } else {
            text.append(String.format(Locale.ROOT, "Guard: %s (%d regressed, %d not measured)%n", cannotJudge() ? "CANNOT JUDGE" : "FAIL",
                    regressions().size(), withStatus(GuardFinding.Status.FAILED).size()));
        }
        return text.toString();
    }

    /** The run's JSON tree with a {@code guard} section: the verdict and every finding. */
    public Map<String, Object> toJsonTree() {
        Map<String, Object> tree = run.toJsonTree();
        Map<String, Object> guard = new LinkedHashMap<>();
        guard.put("passed", passed());
        guard.put("cannotJudge", cannotJudge());
        guard.put("findings", findings.stream().map(GuardReport::findingTree).toList());
        tree.put("guard", guard);
        return tree;
    }

    private static Map<String, Object> findingTree(GuardFinding f) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", f.id());
        row.put("status", f.status().name());
        row.put("measured", finiteOrNull(f.measured()));
        row.put("baseline", finiteOrNull(f.expected()));
        row.put("tolerance", finiteOrNull(f.tolerance()));
        row.put("change", finiteOrNull(f.change()));
        return row;
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
