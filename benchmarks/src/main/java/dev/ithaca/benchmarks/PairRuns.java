package dev.ithaca.benchmarks;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.ProfilerConfig;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Optional;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs each benchmark on its own, a Tensor benchmark right next to its baseline, for a number of
 * rounds that alternate which of the two goes first. A plain JMH run takes the benchmarks in
 * alphabetical order, so a pair can be a minute apart, and the drift of a shared machine over that
 * minute lands in the ratio; next to each other, and in both orders, the pair sees the same machine.
 */
final class PairRuns {
    private final Options user;
    private final int rounds;
    private final Consumer<String> log;
    private final List<String> failed = new ArrayList<>();

    /**
     * @param user   JMH options from the command line; include regexes pick which pairs run, and
     *               the run settings (forks, iterations, times, params, JVM args) apply to each run
     * @param rounds how many times each benchmark runs, alternating the order within each pair
     * @param log    receives one line per finished run (every iteration's score) or failure
     */
    PairRuns(Options user, int rounds, Consumer<String> log) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        }
        this.user = user;
        this.rounds = rounds;
        this.log = log;
    }

    /** Runs each group (a baseline and its Tensor benchmark, or one benchmark) in turn; a failed benchmark is logged and has no result. */
    List<RunResult> run(List<List<String>> groups) {
        return run(groups, 0, rounds);
    }

    /**
     * Runs the selected groups for rounds {@code first} to {@code first + count - 1} (of {@code first + count} in
     * all): a later call continues the alternation of an earlier one.
     */
    List<RunResult> run(List<List<String>> groups, int first, int count) {
        List<List<String>> selected = groups.stream().filter(this::selected).toList();
        List<RunResult> results = new ArrayList<>();
        int total = first + count;
        for (int round = first; round < total; round++) {
            for (List<String> group : selected) {
                List<String> order = new ArrayList<>(group);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (String benchmark : order) {
                    results.addAll(runOne(benchmark, round, total));
                }
            }
        }
        return results;
    }

    /** Benchmarks whose run threw, one entry per failed run. */
    List<String> failed() {
        return List.copyOf(failed);
    }

    /** A group runs when an include regex matches either side (or there are none) and no exclude regex matches either. */
    boolean selected(List<String> group) {
        List<String> includes = user.getIncludes();
        List<String> excludes = user.getExcludes();
        boolean included = includes.isEmpty() || group.stream().anyMatch(b -> matchesAny(includes, b));
        return included && group.stream().noneMatch(b -> matchesAny(excludes, b));
    }

    private static boolean matchesAny(List<String> regexes, String benchmark) {
        return regexes.stream().anyMatch(r -> Pattern.compile(r).matcher(benchmark).find());
    }

    private Collection<RunResult> runOne(String benchmark, int round, int total) {
        Options options = settingsOf(user, benchmark)
                .include("^" + Pattern.quote(benchmark) + "$")
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true)
                .build();
        String shortName = classAndMethod(benchmark);
        try {
            Collection<RunResult> results = new Runner(options).run();
            results.forEach(r -> log.accept(String.format(Locale.ROOT, "round %d/%d  %-40s %s", round + 1, total, shortName + params(r),
                    iterations(r))));
            return results;
        } catch (RunnerException e) {
            log.accept(String.format(Locale.ROOT, "round %d/%d  %-40s FAILED: %s", round + 1, total, shortName, rootCause(e)));
            failed.add(shortName);
            return List.of();
        }
    }

    /** The run settings of the command line, without its includes, output and result file (set per run). */
    private static ChainedOptionsBuilder settingsOf(Options user, String benchmark) {
        ChainedOptionsBuilder b = new OptionsBuilder();
        copy(user.getForkCount(), b::forks);
        copy(user.getWarmupForkCount(), b::warmupForks);
        copy(user.getWarmupIterations(), b::warmupIterations);
        copy(user.getWarmupTime(), b::warmupTime);
        copy(user.getMeasurementIterations(), b::measurementIterations);
        copy(user.getMeasurementTime(), b::measurementTime);
        copy(user.getThreads(), b::threads);
        copy(user.getTimeout(), b::timeout);
        copy(user.getTimeUnit(), b::timeUnit);
        copy(user.shouldDoGC(), b::shouldDoGC);
        copy(user.getJvm(), b::jvm);
        copy(user.getJvmArgs(), args -> b.jvmArgs(args.toArray(String[]::new)));
        copy(user.getJvmArgsAppend(), args -> b.jvmArgsAppend(args.toArray(String[]::new)));
        List<String> prepend = new ArrayList<>(user.getJvmArgsPrepend().orElse(List.of()));
        String slowdown = System.getProperty(InjectedSlowdown.PROPERTY);
        if (slowdown != null) {
            // forks do not inherit system properties; the slowdown must reach the benchmark's JVM
            prepend.add("-D" + InjectedSlowdown.PROPERTY + "=" + slowdown);
        }
        if (!prepend.isEmpty()) {
            b.jvmArgsPrepend(prepend.toArray(String[]::new));
        }
        user.getBenchModes().forEach(b::mode);
        for (ProfilerConfig profiler : user.getProfilers()) {
            b.addProfiler(profiler.getKlass(), profiler.getOpts());
        }
        for (String name : paramNames(benchmark)) {
            copy(user.getParameter(name), values -> b.param(name, values.toArray(String[]::new)));
        }
        return b;
    }

    private static <T> void copy(Optional<T> value, Consumer<T> setter) {
        if (value.hasValue()) {
            setter.accept(value.get());
        }
    }

    /** The @Param fields of the benchmark's class, whose values the command line may override. */
    private static List<String> paramNames(String benchmark) {
        String className = benchmark.substring(0, benchmark.lastIndexOf('.'));
        try {
            List<String> names = new ArrayList<>();
            for (Class<?> c = Class.forName(className); c != null; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (field.isAnnotationPresent(Param.class)) {
                        names.add(field.getName());
                    }
                }
            }
            return names;
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no benchmark class " + className + " on the classpath", e);
        }
    }

    /** What went wrong in the fork: JMH wraps it as a cause or, for errors in the benchmark, a suppressed exception. */
    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (true) {
            Throwable next = t.getSuppressed().length > 0 ? t.getSuppressed()[0] : t.getCause();
            if (next == null || next == t) {
                return t;
            }
            t = next;
        }
    }

    /** {@code MatmulBenchmark.rawSgemm} from the fully qualified name. */
    private static String classAndMethod(String benchmark) {
        int methodDot = benchmark.lastIndexOf('.');
        return benchmark.substring(benchmark.lastIndexOf('.', methodDot - 1) + 1);
    }

    private static String params(RunResult result) {
        Collection<String> keys = result.getParams().getParamsKeys();
        return keys.isEmpty() ? "" : keys.stream().map(k -> k + "=" + result.getParams().getParam(k))
                .collect(Collectors.joining(",", " (", ")"));
    }

    private static String iterations(RunResult result) {
        List<String> scores = new ArrayList<>();
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                scores.add(String.format(Locale.ROOT, "%.4g", iteration.getPrimaryResult().getScore()));
            }
        }
        return String.join(" ", scores) + " " + result.getPrimaryResult().getScoreUnit();
    }
}
