package dev.ithaca.benchmarks;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs the benchmarks through JMH and prints each Tensor benchmark's speed relative to its
 * baseline from the same run, with PASS/FAIL against the targets. Ratios, not absolute figures,
 * are what compare across machines and across a noisy shared machine's runs.
 *
 * <p>Usage: {@code Ratios [--smoke] [--rounds N] [--strict] [JMH options] [benchmark regex...]}.
 * {@code --smoke} puts the smoke profile ({@link #SMOKE_PROFILE}) first; the options after it must
 * not repeat its options. {@code --rounds N} runs everything N times, alternating which side of a
 * pair goes first (default 1). JMH's run settings ({@code -f -wi -w -i -r -p -t -jvmArgs*
 * -prof}), include regexes and {@code -rf/-rff} are honoured. {@code --strict} makes a missed
 * target exit with status 1; a benchmark that failed, or a filter that matched none, exits with status 2.
 */
public final class Ratios {
    /**
     * About 2 minutes on 2 cores: two rounds of one fork per benchmark, a 0.5 s warmup and two 0.5 s
     * measurements each, with matmul at the sizes that have a target (the training-step pairs add
     * their own 3 s warmup in setup, see {@link StepWarmup}).
     */
    static final List<String> SMOKE_PROFILE = List.of("--rounds", "2", "-f", "1", "-wi", "1", "-w", "500ms", "-i", "2", "-r", "500ms",
            "-p", "n=512,1024,2048");

    private Ratios() {
    }

    public static void main(String[] args) {
        List<String> argv = new ArrayList<>(Arrays.asList(args));
        boolean strict = argv.remove("--strict");
        if (argv.remove("--smoke")) {
            argv.addAll(0, SMOKE_PROFILE);
        }
        int rounds;
        CommandLineOptions options;
        try {
            rounds = takeRounds(argv);
            options = new CommandLineOptions(argv.toArray(String[]::new));
        } catch (IllegalArgumentException | CommandLineOptionException e) {
            System.err.println("Ratios: " + e.getMessage() + " (JMH's options: java -jar benchmarks/target/benchmarks.jar -h)");
            System.exit(2);
            return;
        }
        System.out.printf("Ratios: %d round(s), JMH options: %s%n", rounds, String.join(" ", argv));
        PairRuns runs = new PairRuns(options, rounds, System.out);
        List<RunResult> results = runs.run(Targets.runGroups());
        if (results.isEmpty() && runs.failed().isEmpty()) {
            System.err.println("Ratios: no benchmark with a target matched " + options.getIncludes());
            System.exit(2);
        }
        writeResultFile(options, results);

        RatioTable table = RatioTable.of(results, Targets.COMPARISONS, Targets.CEILINGS);
        System.out.printf(Locale.ROOT, "%nIthaca benchmark ratios (Tensor speed / baseline speed, best iteration of each, same run),"
                + " %s, %d cores, Java %s%n%n", LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.version());
        System.out.print(table.format());
        if (!runs.failed().isEmpty() || table.has(RatioTable.Verdict.MISSING)) {
            System.err.println("Some benchmarks produced no result: " + runs.failed() + "; see the FAILED lines above.");
            System.exit(2);
        }
        if (strict && table.has(RatioTable.Verdict.FAIL)) {
            System.exit(1);
        }
    }

    /** Removes {@code --rounds N} from the arguments and returns N (1 when absent). */
    private static int takeRounds(List<String> argv) {
        int at = argv.indexOf("--rounds");
        if (at < 0) {
            return 1;
        }
        if (at + 1 >= argv.size() || !argv.get(at + 1).matches("[1-9][0-9]*")) {
            throw new IllegalArgumentException("--rounds needs a whole number >= 1 after it");
        }
        int rounds = Integer.parseInt(argv.get(at + 1));
        argv.subList(at, at + 2).clear();
        return rounds;
    }

    /** Writes every run's raw results where {@code -rf}/{@code -rff} ask, with JMH's defaults otherwise. */
    private static void writeResultFile(CommandLineOptions options, List<RunResult> results) {
        if (!options.getResultFormat().hasValue() && !options.getResult().hasValue()) {
            return;
        }
        ResultFormatType type = options.getResultFormat().orElse(ResultFormatType.CSV);
        String file = options.getResult().orElse("jmh-result." + type.toString().toLowerCase(Locale.ROOT));
        ResultFormatFactory.getInstance(type, file).writeOut(results);
        System.out.println("Raw results: " + file);
    }
}
