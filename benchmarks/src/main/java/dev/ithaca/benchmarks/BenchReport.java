package dev.ithaca.benchmarks;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.options.Options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one benchmark run: a {@link RatioResult} per pair (or ceiling) that ran, the
 * benchmarks that failed, and when, how long and where it ran.
 */
public final class BenchReport {
    /** Above this share of the machine used by other processes, a run's falls in ratio cannot be trusted. */
    public static final double BUSY_LIMIT = 0.10;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String profile;
    private final List<String> arguments;
    private final Instant started;
    private final Duration elapsed;
    private final List<RatioResult> ratios;
    private final List<String> failed;
    private final List<RunResult> runs;
    private final Options options;
    private final int rounds;
    private final double foreignCpuShare;

    private BenchReport(String profile, List<String> arguments, Instant started, Duration elapsed, List<RatioResult> ratios,
                        List<String> failed, List<RunResult> runs, Options options, int rounds, double foreignCpuShare) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.arguments = List.copyOf(arguments);
        this.started = Objects.requireNonNull(started, "started");
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
        this.ratios = List.copyOf(ratios);
        this.failed = List.copyOf(failed);
        this.runs = List.copyOf(runs);
        this.options = options;
        this.rounds = rounds;
        this.foreignCpuShare = foreignCpuShare;
    }

    /** A report over JMH results, which pairs them into ratios. */
    static BenchReport ofRuns(String profile, List<String> arguments, Instant started, Duration elapsed, List<RunResult> runs,
                              List<String> failed, Options options, int rounds, double foreignCpuShare) {
        return new BenchReport(profile, arguments, started, elapsed, RatioTable.of(runs, Targets.COMPARISONS, Targets.CEILINGS),
                failed, runs, options, rounds, foreignCpuShare);
    }

    /**
     * A report of ratios measured elsewhere: read back from a results file ({@link #read}) or made by hand, e.g. to
     * judge them against a baseline. It cannot be {@linkplain BenchRunner#confirm confirmed}, having no runs to add to.
     */
    public static BenchReport ofRatios(String profile, List<String> arguments, Instant started, Duration elapsed,
                                       List<RatioResult> ratios, List<String> failed, double foreignCpuShare) {
        return new BenchReport(profile, arguments, started, elapsed, ratios, failed, List.of(), null, 0, foreignCpuShare);
    }

    /** Reads a results file written from {@link #toJsonTree()} (e.g. by {@code bench-guard.sh --json}). */
    public static BenchReport read(Path file) throws IOException {
        JsonNode root = MAPPER.readTree(file.toFile());
        String source = file.toString();
        if (root == null || !root.path("ratios").isArray()) {
            throw new IllegalArgumentException(source + ": not a benchmark results file (no \"ratios\" array)");
        }
        List<RatioResult> ratios = new ArrayList<>();
        for (JsonNode row : root.get("ratios")) {
            ratios.add(new RatioResult(text(source, row, "id"), text(source, row, "key"), text(source, row, "label"),
                    text(source, row, "params"), number(row, "tensorScore"), number(row, "baselineScore"), text(source, row, "unit"),
                    number(row, "ratio"), text(source, row, "target"), RatioResult.Verdict.valueOf(text(source, row, "verdict"))));
        }
        List<String> arguments = new ArrayList<>();
        root.path("arguments").forEach(a -> arguments.add(a.asText()));
        List<String> failed = new ArrayList<>();
        root.path("failed").forEach(f -> failed.add(f.asText()));
        return ofRatios(root.path("profile").asText(BenchRunner.CUSTOM), arguments, Instant.parse(root.path("started").asText(Instant.EPOCH.toString())),
                Duration.ofMillis(Math.round(root.path("elapsedSeconds").asDouble(0) * 1000)), ratios, failed,
                number(root, "foreignCpuShare"));
    }

    private static String text(String source, JsonNode row, String field) {
        if (!row.path(field).isTextual()) {
            throw new IllegalArgumentException(source + ": a ratio lacks the text field \"" + field + "\": " + row);
        }
        return row.get(field).asText();
    }

    private static double number(JsonNode row, String field) {
        return row.path(field).isNumber() ? row.get(field).asDouble() : Double.NaN;
    }

    /** The profile's name ({@code quick}, ...), or {@code custom} when the options came from the caller alone. */
    public String profile() {
        return profile;
    }

    /** Every option the run used: the profile's, then the caller's. */
    public List<String> arguments() {
        return arguments;
    }

    public Instant started() {
        return started;
    }

    public Duration elapsed() {
        return elapsed;
    }

    /** One row per pair and parameter set that ran, in the order of the suites. */
    public List<RatioResult> ratios() {
        return ratios;
    }

    /** The benchmarks whose run threw (one entry per failed run); details went to the progress lines. */
    public List<String> failed() {
        return failed;
    }

    /** True when every benchmark produced a result, so every pair has a ratio. */
    public boolean complete() {
        return failed.isEmpty() && ratios.stream().noneMatch(r -> r.verdict() == RatioResult.Verdict.MISSING);
    }

    /**
     * Share of the machine's CPU capacity that other processes used while the benchmarks ran, in
     * [0, 1]; NaN where it cannot be measured (not Linux, or a report read from a file without it).
     */
    public double foreignCpuShare() {
        return foreignCpuShare;
    }

    /**
     * True when other processes used more than {@value #BUSY_LIMIT} of the machine during the run: a
     * process that holds a core takes it from the multi-threaded Tensor side but not from a
     * single-threaded baseline, so ratios fall without any change in Ithaca.
     */
    public boolean machineWasBusy() {
        return foreignCpuShare > BUSY_LIMIT;
    }

    /** True when some target was missed. */
    public boolean missedTarget() {
        return ratios.stream().anyMatch(r -> r.verdict() == RatioResult.Verdict.FAIL);
    }

    /** The rows as a fixed-width text table ({@link RatioTable#format}). */
    public String formatTable() {
        return RatioTable.format(ratios);
    }

    /** {@code 2 cores, Java 17.0.15+6-...}: where the figures were measured. */
    public static String environment() {
        return Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version();
    }

    /** Plain data for a JSON file: run facts and one object per ratio (NaN scores become null). */
    public Map<String, Object> toJsonTree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("profile", profile);
        tree.put("arguments", arguments);
        tree.put("started", started.toString());
        tree.put("elapsedSeconds", elapsed.toMillis() / 1000.0);
        tree.put("cores", Runtime.getRuntime().availableProcessors());
        tree.put("java", Runtime.version().toString());
        tree.put("foreignCpuShare", finiteOrNull(foreignCpuShare));
        tree.put("failed", failed);
        tree.put("ratios", ratios.stream().map(BenchReport::ratioTree).toList());
        return tree;
    }

    private static Map<String, Object> ratioTree(RatioResult r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", r.id());
        row.put("key", r.key());
        row.put("label", r.label());
        row.put("params", r.params());
        row.put("tensorScore", finiteOrNull(r.tensorScore()));
        row.put("baselineScore", finiteOrNull(r.baselineScore()));
        row.put("unit", r.unit());
        row.put("ratio", finiteOrNull(r.ratio()));
        row.put("target", r.target());
        row.put("verdict", r.verdict().name());
        return row;
    }

    static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }

    List<RunResult> runs() {
        return runs;
    }

    Options options() {
        if (options == null) {
            throw new IllegalStateException("this report was read from measured ratios, not made by a run; it has no runs to add to");
        }
        return options;
    }

    int rounds() {
        return rounds;
    }
}
