package dev.ithaca.benchmarks;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the benchmark pairs in process through JMH's runner (each benchmark still in its own forked
 * JVM) and returns their ratios. This is what {@code Ratios}, the regression guard and the
 * command line's {@code ithaca bench} call.
 *
 * <p>The caller's arguments are JMH options ({@code -f -wi -w -i -r -p -t -jvmArgs* -prof -e}),
 * include regexes that pick pairs (a regex picks a pair when it matches either side), and
 * {@code --rounds N}. Forked JVMs find the benchmarks on this JVM's class path, so the benchmarks
 * jar (or this module's classes and dependencies) must be on it.
 */
public final class BenchRunner {
    static final String CUSTOM = "custom";

    private BenchRunner() {
    }

    /**
     * Runs a profile.
     *
     * @param profile   the run settings
     * @param arguments more options or include regexes (may be empty); an option given here replaces the profile's
     * @param progress  receives one line per finished benchmark run, e.g. for a console
     * @return the ratios; check {@link BenchReport#complete()} before trusting every row
     * @throws IllegalArgumentException when the options do not parse, or {@value InjectedSlowdown#PROPERTY} is malformed
     */
    public static BenchReport run(BenchProfile profile, List<String> arguments, Consumer<String> progress) {
        Objects.requireNonNull(profile, "profile");
        return run(profile.displayName(), profile.argumentsFor(Objects.requireNonNull(arguments, "arguments")), progress);
    }

    /** Runs with the given options alone ({@code --rounds} included); {@code profile} only names the run in the report. */
    static BenchReport run(String profile, List<String> argv, Consumer<String> progress) {
        Objects.requireNonNull(progress, "progress");
        List<String> remaining = new ArrayList<>(argv);
        int rounds = takeRounds(remaining);
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(remaining.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new IllegalArgumentException("bad JMH options " + remaining + ": " + e.getMessage(), e);
        }
        String slowdown = System.getProperty(InjectedSlowdown.PROPERTY);
        if (slowdown != null) {
            InjectedSlowdown.requireKnownKeys(slowdown, Targets.keys());
            progress.accept("Injected slowdown (" + InjectedSlowdown.PROPERTY + "): " + slowdown);
        }
        Instant started = Instant.now();
        Optional<MachineLoad> before = MachineLoad.now();
        PairRuns runs = new PairRuns(options, rounds, progress);
        List<RunResult> results = runs.run(Targets.runGroups());
        double foreign = foreignShareSince(before);
        if (results.isEmpty() && runs.failed().isEmpty()) {
            throw new IllegalArgumentException("no benchmark pair matched the filters " + options.getIncludes()
                    + " (excluding " + options.getExcludes() + ")");
        }
        return BenchReport.ofRuns(profile, argv, started, Duration.between(started, Instant.now()), results, runs.failed(), options, rounds,
                foreign);
    }

    /**
     * Runs the pairs with the given {@linkplain RatioResult#key() keys} once more (one more round,
     * continuing the alternation of sides) and returns a report over all their runs. Since each side is
     * scored by its best iteration, more runs can only find a side's faster state: a regression that
     * is real stays, one that was noise goes.
     */
    public static BenchReport confirm(BenchReport report, Collection<String> keys, Consumer<String> progress) {
        List<List<String>> groups = new ArrayList<>();
        for (Comparison c : Targets.COMPARISONS) {
            if (keys.contains(c.key())) {
                groups.add(c.benchmarks());
            }
        }
        for (Ceiling c : Targets.CEILINGS) {
            if (keys.contains(c.key())) {
                groups.add(c.benchmarks());
            }
        }
        if (groups.isEmpty()) {
            return report;
        }
        Options options = report.options();
        Optional<MachineLoad> before = MachineLoad.now();
        PairRuns runs = new PairRuns(options, 1, progress);
        List<RunResult> all = new ArrayList<>(report.runs());
        all.addAll(runs.run(groups, report.rounds(), 1));
        // the busier of the two passes: a regression confirmed on a busy machine is still not to be trusted
        double foreign = Math.max(report.foreignCpuShare(), foreignShareSince(before));
        List<String> failed = new ArrayList<>(report.failed());
        failed.addAll(runs.failed());
        return BenchReport.ofRuns(report.profile(), report.arguments(), report.started(), Duration.between(report.started(), Instant.now()),
                all, failed, options, report.rounds() + 1, foreign);
    }

    private static double foreignShareSince(Optional<MachineLoad> before) {
        return before.flatMap(start -> MachineLoad.now().map(end -> end.foreignShareSince(start, Runtime.getRuntime().availableProcessors())))
                .orElse(Double.NaN);
    }

    /** Removes {@code --rounds N} from the arguments and returns N (1 when absent). */
    static int takeRounds(List<String> argv) {
        int at = argv.indexOf("--rounds");
        if (at < 0) {
            return 1;
        }
        if (at + 1 >= argv.size() || !argv.get(at + 1).matches("[1-9][0-9]*")) {
            throw new IllegalArgumentException("--rounds needs a whole number >= 1 after it, got "
                    + (at + 1 >= argv.size() ? "nothing" : "'" + argv.get(at + 1) + "'"));
        }
        int rounds = Integer.parseInt(argv.get(at + 1));
        argv.subList(at, at + 2).clear();
        if (argv.contains("--rounds")) {
            throw new IllegalArgumentException("--rounds is given twice (a profile sets it already)");
        }
        return rounds;
    }
}
