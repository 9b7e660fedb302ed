package dev.ithaca.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ithaca.benchmarks.BenchProfile;
import dev.ithaca.benchmarks.BenchReport;
import dev.ithaca.benchmarks.BenchRunner;
import dev.ithaca.cli.CliException;
import dev.ithaca.cli.ExitCode;
import dev.ithaca.cli.FailureReport;
import dev.ithaca.cli.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ithaca bench}: the benchmarks module's profiles, run in process through its
 * {@link BenchRunner}. JMH forks one JVM per benchmark on this process's class path (the shaded jar
 * holds the benchmark list). The forks get only JMH's and the benchmarks' own JVM options, not this
 * launcher's small heap and serial collector, so figures match {@code scripts/bench-smoke.sh}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = dev.ithaca.cli.Version.class,
        description = "Run a benchmark profile and print each Tensor benchmark's speed as a ratio of its baseline measured in"
                + " the same run, with PASS/FAIL against the targets (docs/benchmarks.md). The quick profile takes under 5"
                + " minutes on 2 cores.",
        footerHeading = "%nExamples:%n",
        footer = {"  ithaca bench                                 # quick profile",
                "  ithaca bench --json bench.json               # also write the ratio table as JSON",
                "  ithaca bench --profile smoke Matmul Softmax  # only pairs matching these regexes"})
public final class BenchCommand implements Callable<Integer> {
    /** Replaces the launcher's JVM options in the forks (JMH otherwise passes them on). */
    static final String FORK_JVM_ARGS = "-Dithaca.bench.fork=true";

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "quick",
            description = "smoke, quick or full (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the ratio table (every ratio, target and verdict) as JSON.")
    Path json;

    @Option(names = "--strict", description = "Exit with code 1 when a benchmark misses its target.")
    boolean strict;

    @Parameters(paramLabel = "REGEX", arity = "0..*", description = "Run only the pairs with a side whose name matches.")
    List<String> filters = new ArrayList<>();

    @Override
    public Integer call() {
        BenchProfile chosen;
        try {
            chosen = BenchProfile.named(profile);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--profile: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        List<String> arguments = new ArrayList<>(List.of("-jvmArgs", FORK_JVM_ARGS));
        arguments.addAll(filters);
        BenchReport report;
        try {
            report = BenchRunner.run(chosen, arguments, line -> {
                out.println(line);
                out.flush();
            });
        } catch (IllegalArgumentException e) {
            throw CliException.usage("benchmark options: " + e.getMessage());
        }
        out.println();
        out.print(report.formatTable());
        out.flush();
        if (json != null) {
            try {
                AtomicFiles.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(report.toJsonTree()) + "\n");
            } catch (IOException e) {
                throw CliException.io("cannot write " + json + ": " + FailureReport.describe(e), e);
            }
            out.println("Ratios written to " + json);
        }
        if (!report.complete()) {
            throw new CliException(ExitCode.USAGE, "benchmarks produced no result: " + report.failed()
                    + (report.ratios().isEmpty() && !filters.isEmpty() ? " (no pair matches " + filters + ")" : ""));
        }
        if (strict && report.missedTarget()) {
            throw new CliException(ExitCode.USAGE, "a benchmark missed its target (--strict); see the FAIL rows above");
        }
        return 0;
    }
}
