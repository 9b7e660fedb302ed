package dev.ithaca.benchmarks.guard;

import dev.ithaca.benchmarks.BenchProfile;
import dev.ithaca.benchmarks.BenchReport;
import dev.ithaca.benchmarks.JsonFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The regression guard's command line: runs a profile, prints the ratio table and each ratio
 * against the baseline, and exits 0 when none fell by more than its tolerance, 1 when one did, 2
 * when the run could not judge (bad arguments, a failed benchmark, an unreadable baseline, or ratios
 * that fell while other processes were using the machine).
 *
 * <pre>
 * BenchGuard [--profile quick|full] [--baseline FILE] [--json OUT] [--no-confirm]
 *            [--write-baseline FILE] [--compare RESULTS] [JMH options] [benchmark regex...]
 * </pre>
 *
 * {@code --baseline} defaults to {@code benchmarks/baseline.json} when it exists, else the copy in the jar;
 * {@code --json} writes the results and findings; {@code --no-confirm} judges the first pass without
 * re-measuring suspects; {@code --write-baseline} writes the measured ratios as a new baseline (keeping
 * tolerances); {@code --compare} judges a results file written by {@code --json} instead of running.
 */
public final class BenchGuard {
    static final Path DEFAULT_BASELINE = Path.of("benchmarks", "baseline.json");

    private BenchGuard() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Does what {@link #main} does and returns the exit status. */
    static int run(String[] args) {
        Arguments parsed;
        Baseline baseline;
        try {
            parsed = Arguments.parse(Arrays.asList(args));
            baseline = parsed.baseline() != null ? Baseline.load(parsed.baseline())
                    : Files.exists(DEFAULT_BASELINE) ? Baseline.load(DEFAULT_BASELINE) : Baseline.bundled();
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("bench-guard: " + e.getMessage());
            return 2;
        }
        GuardReport report;
        try {
            if (parsed.compare() != null) {
                report = GuardReport.of(BenchReport.read(parsed.compare()), baseline);
            } else {
                System.out.printf("bench-guard: profile %s %s%n", parsed.profile().displayName(), String.join(" ", parsed.jmh()));
                report = RegressionGuard.run(parsed.profile(), baseline, parsed.jmh(), parsed.confirm(), System.out::println);
            }
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("bench-guard: " + e.getMessage());
            return 2;
        }
        BenchReport run = report.run();
        System.out.printf("%nIthaca benchmark ratios (Tensor speed / baseline speed, best iteration of each), profile %s, %s, %s, %.0f s%s%n%n",
                run.profile(), LocalDate.now(), BenchReport.environment(), run.elapsed().toMillis() / 1000.0,
                Double.isNaN(run.foreignCpuShare()) ? "" : String.format(Locale.ROOT, ", other processes used %.0f%% of the CPU",
                        100 * run.foreignCpuShare()));
        System.out.print(run.formatTable());
        System.out.printf("%nAgainst the baseline (a ratio fails when it falls by more than its tolerance):%n%n");
        System.out.print(report.format());
        try {
            if (parsed.json() != null) {
                JsonFile.write(parsed.json(), report.toJsonTree());
                System.out.println("Results: " + parsed.json());
            }
            if (parsed.writeBaseline() != null) {
                baseline.updatedWith(run.ratios()).write(parsed.writeBaseline());
                System.out.println("New baseline: " + parsed.writeBaseline());
            }
        } catch (IOException e) {
            System.err.println("bench-guard: cannot write " + e.getMessage());
            return 2;
        }
        if (report.passed()) {
            return 0;
        }
        return report.cannotJudge() ? 2 : 1;
    }

    /** The guard's own options; everything else goes to JMH. */
    record Arguments(BenchProfile profile, Path baseline, Path json, boolean confirm, Path writeBaseline, Path compare,
                     List<String> jmh) {

        static Arguments parse(List<String> args) {
            BenchProfile profile = BenchProfile.QUICK;
            Path baseline = null;
            Path json = null;
            Path writeBaseline = null;
            Path compare = null;
            boolean confirm = true;
            List<String> jmh = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--profile" -> profile = BenchProfile.named(value(args, ++i, arg));
                    case "--baseline" -> baseline = Path.of(value(args, ++i, arg));
                    case "--json" -> json = Path.of(value(args, ++i, arg));
                    case "--write-baseline" -> writeBaseline = Path.of(value(args, ++i, arg));
                    case "--compare" -> compare = Path.of(value(args, ++i, arg));
                    case "--no-confirm" -> confirm = false;
                    default -> jmh.add(arg);
                }
            }
            if (compare != null && !jmh.isEmpty()) {
                throw new IllegalArgumentException("--compare judges a results file without running; JMH options " + jmh + " do not apply");
            }
            return new Arguments(profile, baseline, json, confirm, writeBaseline, compare, List.copyOf(jmh));
        }

        private static String value(List<String> args, int at, String option) {
            if (at >= args.size() || args.get(at).startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value after it");
            }
            return args.get(at);
        }
    }
}
