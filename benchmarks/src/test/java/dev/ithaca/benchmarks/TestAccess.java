package dev.ithaca.benchmarks;

import java.util.List;

/** Package internals that tests in other packages check against. */
public final class TestAccess {
    private TestAccess() {
    }

    public static List<String> comparisonLabels() {
        return Targets.COMPARISONS.stream().map(Comparison::label).toList();
    }
}
