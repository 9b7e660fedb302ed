package dev.ithaca.benchmarks.guard;

import dev.ithaca.benchmarks.BenchProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A real, tiny run (in process, one short iteration) against baselines it must fail or pass. */
class RegressionGuardTest {
    private static final List<String> TINY = List.of("-f", "0", "-wi", "0", "-i", "1", "-r", "200ms", "--rounds", "1",
            "MetricsBenchmark.(accuracyUpdate|javaAccuracy)");

    private static Baseline expecting(double ratio) {
        return Baseline.parse("{\"ratios\": {\"Accuracy update 4096x10\": {\"ratio\": " + ratio + ", \"tolerance\": 0.2}}}", "test");
    }

    @Test
    void aSeemingRegressionIsMeasuredOnceMoreBeforeTheVerdict() {
        List<String> lines = new ArrayList<>();
        GuardReport report = RegressionGuard.run(BenchProfile.QUICK, expecting(100), TINY, true, lines::add);

        assertThat(lines).anyMatch(l -> l.startsWith("Regressed on the first pass: [Accuracy update 4096x10]; measuring [accuracy]"));
        assertThat(lines).filteredOn(l -> l.startsWith("round 2/2")).hasSize(2);
        assertThat(report.passed()).isFalse();
        assertThat(report.regressions()).extracting(GuardFinding::id).containsExactly("Accuracy update 4096x10");
    }

    @Test
    void withoutConfirmationTheFirstPassIsTheVerdict() {
        List<String> lines = new ArrayList<>();
        GuardReport report = RegressionGuard.run(BenchProfile.QUICK, expecting(100), TINY, false, lines::add);

        assertThat(lines).hasSize(2).noneMatch(l -> l.startsWith("Regressed"));
        assertThat(report.passed()).isFalse();
    }

    @Test
    void aRatioWithinToleranceIsNotMeasuredAgain() {
        List<String> lines = new ArrayList<>();
        GuardReport report = RegressionGuard.run(BenchProfile.QUICK, expecting(1e-6), TINY, true, lines::add);

        assertThat(lines).hasSize(2);
        assertThat(report.passed()).isTrue();
        assertThat(report.findings()).extracting(GuardFinding::status).containsExactly(GuardFinding.Status.IMPROVED);
    }
}
