package dev.ithaca.peers;

import java.time.Duration;

/**
 * How long a workload runs: untimed warmup first (JIT, allocator pools, thread pools, first-touch
 * page faults), then {@code rounds} rounds of at least {@code round} of timed work each. Each round
 * gives one score; the best is reported, as the JMH suites report the best iteration, because on a
 * shared machine interference only ever slows a round down.
 */
public record Timing(Duration warmup, int rounds, Duration round) {
    public Timing {
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warmup must not be negative, got " + warmup);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        }
        if (round.isZero() || round.isNegative()) {
            throw new IllegalArgumentException("round must be positive, got " + round);
        }
    }

    /** Kernels: 2 s warmup, 5 rounds of 1 s. */
    public static final Timing KERNEL = new Timing(Duration.ofSeconds(2), 5, Duration.ofSeconds(1));
    /** Training: 4 s warmup (the JIT compiles a training step's Java code for seconds), 5 rounds of 2 s. */
    public static final Timing TRAINING = new Timing(Duration.ofSeconds(4), 5, Duration.ofSeconds(2));
    /** Seconds instead of minutes, to check that a runner works (--quick): never for figures. */
    public static final Timing CHECK = new Timing(Duration.ofMillis(200), 2, Duration.ofMillis(200));
}
