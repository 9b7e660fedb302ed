package dev.ithaca.benchmarks.guard;

import dev.ithaca.benchmarks.BenchReport;
import dev.ithaca.benchmarks.RatioResult;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Ratios made by hand, as a run would report them. */
final class SyntheticResults {
    private SyntheticResults() {
    }

    static RatioResult ratio(String key, String label, String params, double tensor, double baseline) {
        return new RatioResult(RatioResult.idOf(label, params), key, label, params, tensor, baseline, "ops/s", tensor / baseline, "-",
                RatioResult.Verdict.REPORTED);
    }

    static RatioResult missing(String key, String label) {
        return new RatioResult(label, key, label, "", Double.NaN, 100, "ops/s", Double.NaN, "-", RatioResult.Verdict.MISSING);
    }

    static RatioResult ceiling(String key, String label, double nanos) {
        return new RatioResult(label, key, label, "", nanos, Double.NaN, "ns/op", Double.NaN, "< 1000 ns/op", RatioResult.Verdict.PASS);
    }

    static BenchReport report(List<RatioResult> ratios, List<String> failed) {
        return report(ratios, failed, 0.02);
    }

    /** A run during which other processes used {@code foreignCpuShare} of the machine. */
    static BenchReport report(List<RatioResult> ratios, List<String> failed, double foreignCpuShare) {
        return BenchReport.ofRatios("quick", List.of("--rounds", "2"), Instant.parse("2026-11-22T10:00:00Z"), Duration.ofSeconds(200),
                ratios, failed, foreignCpuShare);
    }

    static Baseline baseline() {
        return Baseline.parse("""
                {"comment": "test",
                 "ratios": {
                   "matmul n=1024": {"ratio": 1.0, "tolerance": 0.2},
                   "add 16M": {"ratio": 1.4, "tolerance": 0.25},
                   "autograd: MLP step": {"ratio": 1.0, "tolerance": 0.25, "note": "noisy"}
                 }}""", "test");
    }
}
