package dev.ithaca.benchmarks;

import java.util.List;

/** A benchmark judged by its own time per op (AverageTime, ns/op), which must stay under a limit. */
record Ceiling(String key, String label, Class<?> benchmark, String method, double maxNanos) {
    /** Its full JMH name, alone (it has no baseline). */
    List<String> benchmarks() {
        return List.of(benchmark.getName() + "." + method);
    }
}
