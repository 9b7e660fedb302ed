package dev.ithaca.benchmarks;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every run of one benchmark with one parameter set (one per round), scored by the best
 * measurement iteration of them all: on a shared machine, interference from other work only ever
 * slows an iteration down, so the fastest one is the closest to the code's own speed, and a short
 * run's ratio of bests swings far less than a ratio of means.
 */
record Measurement(String benchmark, Map<String, String> params, List<RunResult> runs) {

    /** Groups results by benchmark name and parameters, in the order they first appear. */
    static Map<String, Map<Map<String, String>, Measurement>> group(Collection<RunResult> results) {
        Map<String, Map<Map<String, String>, Measurement>> grouped = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            Map<String, String> params = params(r.getParams());
            grouped.computeIfAbsent(name, k -> new LinkedHashMap<>())
                    .computeIfAbsent(params, p -> new Measurement(name, p, new ArrayList<>()))
                    .runs().add(r);
        }
        return grouped;
    }

    boolean isThroughput() {
        return runs.get(0).getParams().getMode() == Mode.Throughput;
    }

    /** The fastest iteration of every run: the highest throughput, or the lowest time per op. */
    double best() {
        return runs.stream()
                .flatMap(r -> r.getBenchmarkResults().stream())
                .flatMap(b -> b.getIterationResults().stream())
                .mapToDouble(i -> i.getPrimaryResult().getScore())
                .reduce(isThroughput() ? Math::max : Math::min)
                .orElseThrow();
    }

    String unit() {
        return runs.get(0).getPrimaryResult().getScoreUnit();
    }

    /** This one's speed over {@code baseline}'s: a ratio of throughputs, or the inverse ratio of times. */
    double speedRatioTo(Measurement baseline) {
        return isThroughput() ? best() / baseline.best() : baseline.best() / best();
    }

    String describeBest() {
        return String.format(Locale.ROOT, "%.4g %s", best(), unit());
    }

    String describeParams() {
        return describe(params);
    }

    /** {@code n=512,m=3}; empty for none. */
    static String describe(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    private static Map<String, String> params(BenchmarkParams params) {
        Map<String, String> values = new TreeMap<>();
        for (String key : params.getParamsKeys()) {
            values.put(key, params.getParam(key));
        }
        return values;
    }
}
