package dev.ithaca.benchmarks;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchRunnerTest {
    /** In-process (no fork), one short iteration: enough to see a 3x slowdown, far too short for a figure. */
    private static final List<String> TINY = List.of("-f", "0", "-wi", "0", "-i", "1", "-r", "300ms",
            "MetricsBenchmark.(accuracyUpdate|javaAccuracy)");

    @AfterEach
    void clearProperty() {
        System.clearProperty(InjectedSlowdown.PROPERTY);
    }

    @Test
    void runsAPairAndReportsItsRatio() {
        List<String> lines = new ArrayList<>();
        BenchReport report = BenchRunner.run("test", TINY, lines::add);

        assertThat(report.complete()).isTrue();
        assertThat(report.ratios()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("Accuracy update 4096x10");
            assertThat(r.key()).isEqualTo("accuracy");
            assertThat(r.unit()).isEqualTo("ops/s");
            assertThat(r.ratio()).isEqualTo(r.tensorScore() / r.baselineScore());
        });
        assertThat(lines).hasSize(2).allMatch(l -> l.startsWith("round 1/1"));
        assertThat(report.formatTable()).contains("Accuracy update 4096x10", "REPORTED");
    }

    @Test
    void anInjectedSlowdownReachesTheBenchmarkAndLowersItsRatio() {
        double clean = BenchRunner.run("test", TINY, line -> { }).ratios().get(0).ratio();
        System.setProperty(InjectedSlowdown.PROPERTY, "accuracy:4");
        double slowed = BenchRunner.run("test", TINY, line -> { }).ratios().get(0).ratio();

        assertThat(slowed).isLessThan(clean * 0.5);
    }

    @Test
    void confirmAddsARoundToTheNamedPairs() {
        BenchReport first = BenchRunner.run("test", TINY, line -> { });
        List<String> lines = new ArrayList<>();
        BenchReport confirmed = BenchRunner.confirm(first, List.of("accuracy"), lines::add);

        assertThat(lines).hasSize(2).allMatch(l -> l.startsWith("round 2/2"));
        assertThat(confirmed.runs()).hasSize(4);
        assertThat(confirmed.ratios().get(0).tensorScore()).isGreaterThanOrEqualTo(first.ratios().get(0).tensorScore());
    }

    @Test
    void rejectsBadOptionsAndFiltersThatMatchNothing() {
        assertThatThrownBy(() -> BenchRunner.run("test", List.of("--rounds", "0"), line -> { }))
                .hasMessageContaining("--rounds").hasMessageContaining("'0'");
        assertThatThrownBy(() -> BenchRunner.run("test", List.of("--rounds", "3", "--rounds", "2"), line -> { }))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> BenchRunner.run("test", List.of("-f", "0", "NoSuchBenchmark"), line -> { }))
                .hasMessageContaining("NoSuchBenchmark");
        System.setProperty(InjectedSlowdown.PROPERTY, "nosuchkey:2");
        assertThatThrownBy(() -> BenchRunner.run("test", TINY, line -> { })).hasMessageContaining("'nosuchkey'");
    }

    @Test
    void excludesDropPairs() {
        PairRuns runs = new PairRuns(new org.openjdk.jmh.runner.options.OptionsBuilder().include("Matmul").exclude("rawSgemm").build(), 1,
                line -> { });
        assertThat(runs.selected(List.of("x.MatmulBenchmark.rawSgemm", "x.MatmulBenchmark.tensorMatmul"))).isFalse();
        assertThat(runs.selected(List.of("x.SumBenchmark.javaSum", "x.SumBenchmark.tensorSum"))).isFalse();
        PairRuns all = new PairRuns(new org.openjdk.jmh.runner.options.OptionsBuilder().build(), 1, line -> { });
        assertThat(all.selected(List.of("x.SumBenchmark.javaSum", "x.SumBenchmark.tensorSum"))).isTrue();
    }

    @Test
    void optionsOfTheCallerReplaceThoseOfTheProfile() {
        assertThat(BenchProfile.QUICK.argumentsFor(List.of("-f", "0", "--rounds", "1", "Matmul"))).containsExactly(
                "-wi", "1", "-w", "500ms", "-i", "2", "-r", "500ms", "-p", "n=1024,2048", "-f", "0", "--rounds", "1", "Matmul");
        assertThat(BenchProfile.FULL.argumentsFor(List.of())).isEqualTo(BenchProfile.FULL.arguments());
    }

    @Test
    void profilesAreFoundByName() {
        assertThat(BenchProfile.named("Quick")).isEqualTo(BenchProfile.QUICK);
        assertThat(BenchProfile.QUICK.displayName()).isEqualTo("quick");
        assertThatThrownBy(() -> BenchProfile.named("fast")).hasMessageContaining("'fast'").hasMessageContaining("smoke, quick, full");
    }
}
