package dev.ithaca.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A Tensor benchmark judged by its speed relative to a baseline measured in the same run
 * (higher is better: 1.0 means as fast as the baseline).
 *
 * @param key      short name, used by {@link InjectedSlowdown} and as the start of the ratio's id
 * @param label    what the table calls it
 * @param tensor   the benchmark method going through Tensor
 * @param baseline the method it is compared with, in the same class
 * @param minRatio the ratio it must reach, or NaN when it is reported without a target
 * @param judged   which parameter sets the target applies to (others are reported only)
 */
record Comparison(String key, String label, Class<?> benchmark, String tensor, String baseline, double minRatio,
                  Predicate<Map<String, String>> judged) {

    static Comparison atLeast(String key, String label, Class<?> benchmark, String tensor, String baseline, double minRatio) {
        return new Comparison(key, label, benchmark, tensor, baseline, minRatio, params -> true);
    }

    static Comparison reported(String key, String label, Class<?> benchmark, String tensor, String baseline) {
        return new Comparison(key, label, benchmark, tensor, baseline, Double.NaN, params -> false);
    }

    Comparison onlyWhen(Predicate<Map<String, String>> condition) {
        return new Comparison(key, label, benchmark, tensor, baseline, minRatio, condition);
    }

    /** Full JMH names of the baseline and the Tensor benchmark, in that order. */
    List<String> benchmarks() {
        return List.of(benchmark.getName() + "." + baseline, benchmark.getName() + "." + tensor);
    }

    boolean hasTarget(Map<String, String> params) {
        return !Double.isNaN(minRatio) && judged.test(params);
    }
}
