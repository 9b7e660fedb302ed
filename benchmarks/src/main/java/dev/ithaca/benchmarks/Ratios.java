package dev.ithaca.benchmarks;

import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.Options;

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
 * <p>Usage: {@code Ratios [--smoke | --profile smoke|quick|full] [--rounds N] [--strict] [JMH options] [benchmark regex...]}.
 * {@code --smoke} is {@code --profile smoke}; a profile's options ({@link BenchProfile}) come first, and an
 * option given on the command line replaces the profile's. {@code --rounds N} runs everything N times, alternating which side of
 * a pair goes first (default 1). JMH's run settings ({@code -f -wi -w -i -r -p -t -jvmArgs* -prof}), include and
 * exclude ({@code -e}) regexes and {@code -rf/-rff} are honoured. {@code --strict} makes a missed target exit
 * with status 1; a benchmark that failed, or a filter that matched none, exits with status 2.
 */
public final class Ratios {
    private Ratios() {
    }

    public static void main(String[] args) {
        List<String> argv = new ArrayList<>(Arrays.asList(args));
        boolean strict = argv.remove("--strict");
        BenchReport report;
        try {
            String profile = takeProfile(argv);
            if (profile != null) {
                argv = BenchProfile.named(profile).argumentsFor(argv);
            }
            System.out.printf("Ratios: %s%n", String.join(" ", argv));
            report = BenchRunner.run(profile == null ? BenchRunner.CUSTOM : profile, argv, System.out::println);
        } catch (IllegalArgumentException e) {
            System.err.println("Ratios: " + e.getMessage() + " (JMH's options: java -jar benchmarks/target/benchmarks.jar -h)");
            System.exit(2);
            return;
        }
        writeResultFile(report.options(), report);

        System.out.printf(Locale.ROOT, "%nIthaca benchmark ratios (Tensor speed / baseline speed, best iteration of each, same run),"
                + " %s, %s%n%n", LocalDate.now(), BenchReport.environment());
        System.out.print(report.formatTable());
        if (!report.complete()) {
            System.err.println("Some benchmarks produced no result: " + report.failed() + "; see the FAILED lines above.");
            System.exit(2);
        }
        if (strict && report.missedTarget()) {
            System.exit(1);
        }
    }

    /** Removes {@code --smoke} or {@code --profile NAME} and returns the profile's name, or null for none. */
    private static String takeProfile(List<String> argv) {
        boolean smoke = argv.remove("--smoke");
        int at = argv.indexOf("--profile");
        if (at < 0) {
            return smoke ? "smoke" : null;
        }
        if (smoke || at + 1 >= argv.size()) {
            throw new IllegalArgumentException(smoke ? "give --smoke or --profile, not both" : "--profile needs a name: smoke, quick or full");
        }
        String name = BenchProfile.named(argv.get(at + 1)).displayName();
        argv.subList(at, at + 2).clear();
        return name;
    }

    /** Writes every run's raw results where {@code -rf}/{@code -rff} ask, with JMH's defaults otherwise. */
    private static void writeResultFile(Options options, BenchReport report) {
        if (!options.getResultFormat().hasValue() && !options.getResult().hasValue()) {
            return;
        }
        ResultFormatType type = options.getResultFormat().orElse(ResultFormatType.CSV);
        String file = options.getResult().orElse("jmh-result." + type.toString().toLowerCase(Locale.ROOT));
        ResultFormatFactory.getInstance(type, file).writeOut(report.runs());
        System.out.println("Raw results: " + file);
    }
}
