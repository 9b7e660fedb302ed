package dev.ithaca.benchmarks.guard;

import dev.ithaca.benchmarks.BenchProfile;
import dev.ithaca.benchmarks.BenchReport;
import dev.ithaca.benchmarks.BenchRunner;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a profile and judges its ratios against a baseline. On a shared machine one short run can
 * catch a side of a pair only in a slow state, so a ratio that seems to have regressed is measured
 * once more (one more round of its pair) before the verdict: each side keeps its best iteration, so
 * a real slowdown still shows, while a noisy one goes.
 */
public final class RegressionGuard {
    private RegressionGuard() {
    }

    /**
     * @param profile   the run settings (the guard's default is {@link BenchProfile#QUICK})
     * @param baseline  the expected ratios
     * @param arguments more JMH options or include regexes (may be empty)
     * @param confirm   whether to re-measure seemingly regressed pairs once before judging
     * @param progress  receives a line per finished benchmark run
     */
    public static GuardReport run(BenchProfile profile, Baseline baseline, List<String> arguments, boolean confirm,
                                  Consumer<String> progress) {
        Objects.requireNonNull(baseline, "baseline");
        BenchReport report = BenchRunner.run(profile, arguments, progress);
        GuardReport judged = GuardReport.of(report, baseline);
        Set<String> suspects = judged.regressedKeys();
        if (!confirm || suspects.isEmpty()) {
            return judged;
        }
        progress.accept("Regressed on the first pass: " + judged.regressions().stream().map(GuardFinding::id).toList()
                + "; measuring " + suspects + " once more");
        return GuardReport.of(BenchRunner.confirm(report, suspects, progress), baseline);
    }
}
