package dev.ithaca.benchmarks.guard;

import dev.ithaca.benchmarks.RatioResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.ithaca.benchmarks.guard.SyntheticResults.baseline;
import static dev.ithaca.benchmarks.guard.SyntheticResults.ceiling;
import static dev.ithaca.benchmarks.guard.SyntheticResults.missing;
import static dev.ithaca.benchmarks.guard.SyntheticResults.ratio;
import static dev.ithaca.benchmarks.guard.SyntheticResults.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GuardReportTest {
    private static final RatioResult MATMUL_OK = ratio("matmul", "matmul", "n=1024", 81, 82);
    private static final RatioResult ADD_OK = ratio("add", "add 16M", "", 130, 100);
    private static final RatioResult MLP_OK = ratio("mlp-step", "autograd: MLP step", "", 24_000, 24_800);

    @Test
    void ratiosWithinToleranceOfTheirBaselinePass() {
        GuardReport report = GuardReport.of(report(List.of(MATMUL_OK, ADD_OK, MLP_OK), List.of()), baseline());

        assertThat(report.passed()).isTrue();
        assertThat(report.findings()).extracting(GuardFinding::status).containsOnly(GuardFinding.Status.OK);
        assertThat(report.format()).endsWith("Guard: PASS\n");
    }

    @Test
    void aRatioThatFellByMoreThanItsToleranceFailsAndSaysByHowMuch() {
        RatioResult slowMatmul = ratio("matmul", "matmul", "n=1024", 41, 82);   // halved: -50% against 20% allowed
        GuardReport report = GuardReport.of(report(List.of(slowMatmul, ADD_OK, MLP_OK), List.of()), baseline());

        assertThat(report.passed()).isFalse();
        assertThat(report.regressions()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("matmul n=1024");
            assertThat(f.change()).isCloseTo(-0.5, within(1e-12));
        });
        assertThat(report.regressedKeys()).containsExactly("matmul");
        assertThat(report.format())
                .contains("REGRESSION matmul n=1024: 0.500 vs baseline 1.000 (-50.0%, tolerance 20%)")
                .endsWith("Guard: FAIL (1 regressed, 0 not measured)\n");
    }

    @Test
    void theToleranceIsARelativeDropAndItsEdgeStillPasses() {
        // add: baseline 1.4, tolerance 25% -> floor 1.05
        assertThat(status(ratio("add", "add 16M", "", 105.01, 100))).isEqualTo(GuardFinding.Status.OK);
        assertThat(status(ratio("add", "add 16M", "", 104.9, 100))).isEqualTo(GuardFinding.Status.REGRESSED);
        assertThat(status(ratio("add", "add 16M", "", 176, 100))).isEqualTo(GuardFinding.Status.IMPROVED);
        assertThat(baseline().ratios().get("add 16M").floor()).isCloseTo(1.05, within(1e-12));
    }

    private static GuardFinding.Status status(RatioResult add) {
        return GuardReport.compare(List.of(add), baseline()).stream().filter(f -> f.id().equals("add 16M")).findFirst().orElseThrow().status();
    }

    @Test
    void anImprovementIsReportedButPasses() {
        GuardReport report = GuardReport.of(report(List.of(MATMUL_OK, ratio("add", "add 16M", "", 200, 100), MLP_OK), List.of()),
                baseline());

        assertThat(report.passed()).isTrue();
        assertThat(report.format()).contains("improved add 16M: 2.000 vs baseline 1.400 (+42.9%, tolerance 25%); consider --write-baseline");
    }

    @Test
    void aPairWithAFailedSideCannotBeJudgedAndFails() {
        GuardReport report = GuardReport.of(report(List.of(MATMUL_OK, missing("add", "add 16M"), MLP_OK), List.of("ElementwiseBenchmark.tensorAdd")),
                baseline());

        assertThat(report.passed()).isFalse();
        assertThat(report.withStatus(GuardFinding.Status.FAILED)).extracting(GuardFinding::id).containsExactly("add 16M");
        assertThat(report.format()).contains("NOT MEASURED add 16M: no ratio, a side of the pair failed (baseline 1.400)",
                "FAILED benchmark runs: [ElementwiseBenchmark.tensorAdd]");
    }

    @Test
    void entriesTheRunSkippedAndRatiosWithoutEntriesAreOnlyReported() {
        RatioResult softmax = ratio("softmax", "softmax 4096x1024", "", 28, 29);
        GuardReport report = GuardReport.of(report(List.of(MATMUL_OK, softmax, ceiling("dispatch", "dispatch (1-element add)", 400)),
                List.of()), baseline());

        assertThat(report.passed()).isTrue();
        assertThat(report.findings()).extracting(GuardFinding::id, GuardFinding::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("matmul n=1024", GuardFinding.Status.OK),
                org.assertj.core.groups.Tuple.tuple("add 16M", GuardFinding.Status.NOT_RUN),
                org.assertj.core.groups.Tuple.tuple("autograd: MLP step", GuardFinding.Status.NOT_RUN),
                org.assertj.core.groups.Tuple.tuple("softmax 4096x1024", GuardFinding.Status.NO_BASELINE));
    }

    @Test
    void theJsonTreeCarriesTheRunAndEveryFinding() {
        RatioResult slowMatmul = ratio("matmul", "matmul", "n=1024", 41, 82);
        Map<String, Object> tree = GuardReport.of(report(List.of(slowMatmul, ADD_OK), List.of()), baseline()).toJsonTree();

        assertThat(tree).containsEntry("profile", "quick").containsKeys("ratios", "started", "java", "cores");
        @SuppressWarnings("unchecked")
        Map<String, Object> guard = (Map<String, Object>) tree.get("guard");
        assertThat(guard).containsEntry("passed", false);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> findings = (List<Map<String, Object>>) guard.get("findings");
        assertThat(findings.get(0)).containsEntry("id", "matmul n=1024").containsEntry("status", "REGRESSED")
                .containsEntry("baseline", 1.0).containsEntry("tolerance", 0.2);
        assertThat(findings.get(2)).containsEntry("status", "NOT_RUN").containsEntry("measured", null);
    }

    @Test
    void fallsOnABusyMachineCannotBeJudged() {
        RatioResult slowMatmul = ratio("matmul", "matmul", "n=1024", 41, 82);
        GuardReport busy = GuardReport.of(report(List.of(slowMatmul, ADD_OK, MLP_OK), List.of(), 0.48), baseline());

        assertThat(busy.passed()).isFalse();
        assertThat(busy.cannotJudge()).isTrue();
        assertThat(busy.format()).contains("Machine busy: other processes used 48% of the CPU during the run (more than 10%)")
                .endsWith("Guard: CANNOT JUDGE (1 regressed, 0 not measured)\n");
        assertThat(busy.toJsonTree()).containsEntry("foreignCpuShare", 0.48);
    }

    @Test
    void aBusyMachineDoesNotFailARunWhoseRatiosHeld() {
        GuardReport busy = GuardReport.of(report(List.of(MATMUL_OK, ADD_OK, MLP_OK), List.of(), 0.48), baseline());

        assertThat(busy.passed()).isTrue();
        assertThat(busy.cannotJudge()).isFalse();
        assertThat(busy.format()).contains("Machine busy").endsWith("Guard: PASS\n");
    }

    @Test
    void aQuietMachineLetsARegressionFail() {
        GuardReport quiet = GuardReport.of(report(List.of(ratio("matmul", "matmul", "n=1024", 41, 82)), List.of(), 0.05), baseline());

        assertThat(quiet.cannotJudge()).isFalse();
        assertThat(quiet.format()).doesNotContain("Machine busy");
    }
}
