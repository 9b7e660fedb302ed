package dev.ithaca.benchmarks;

import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Warms up the training step about to be measured, in the trial's setup. A taped step runs far
 * more distinct Java code (ops, tape, backward formulas, the loss) than its raw twin, and on two
 * busy cores the JIT took about 4 s to compile it (the raw step about 2 s): the smoke profile's
 * 0.5 s warmup would measure the taped side half-compiled and report a compile delay as autograd
 * overhead. Running the measured side for a fixed time first makes any profile start warm.
 */
final class StepWarmup {
    private StepWarmup() {
    }

    /** Runs {@code taped} or {@code raw}, whichever {@code params} is about to measure, for {@code seconds}. */
    static void run(BenchmarkParams params, Runnable taped, Runnable raw, double seconds) {
        run(params, "tapedStep", taped, raw, seconds);
    }

    /** As {@link #run(BenchmarkParams, Runnable, Runnable, double)}, where the taped side is the method {@code tapedMethod}. */
    static void run(BenchmarkParams params, String tapedMethod, Runnable taped, Runnable raw, double seconds) {
        Runnable step = params.getBenchmark().endsWith("." + tapedMethod) ? taped : raw;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            step.run();
        }
    }
}
