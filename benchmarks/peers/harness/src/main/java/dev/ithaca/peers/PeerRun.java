package dev.ithaca.peers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One framework's run of the workloads: parses the runner's command line, times each workload
 * ({@link #measure}) and writes every result to a JSON file.
 *
 * <p>Command line: {@code --out FILE [--label TEXT] [--only sgemm,add,adam,mlp-train,mlp-infer] [--quick]}.
 * {@code --quick} uses {@link Timing#CHECK} to see that a runner works; its figures mean nothing.
 */
public final class PeerRun {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> WORKLOADS = Set.of(Workloads.SGEMM, Workloads.ADD, Workloads.ADAM, Workloads.MLP_TRAIN,
            Workloads.MLP_INFER);

    private final String label;
    private final Path out;
    private final Set<String> only;
    private final boolean quick;
    private final Map<String, String> details = new LinkedHashMap<>();
    private final List<Result> results = new ArrayList<>();
    private final Instant started = Instant.now();

    private PeerRun(String label, Path out, Set<String> only, boolean quick) {
        this.label = label;
        this.out = out;
        this.only = only;
        this.quick = quick;
    }

    /** Parses the command line; {@code defaultLabel} names the framework unless {@code --label} does. */
    public static PeerRun fromArgs(String defaultLabel, String[] args) {
        String label = defaultLabel;
        Path out = null;
        Set<String> only = new TreeSet<>(WORKLOADS);
        boolean quick = false;
        List<String> argv = Arrays.asList(args);
        for (int i = 0; i < argv.size(); i++) {
            switch (argv.get(i)) {
                case "--out" -> out = Path.of(value(argv, ++i, "--out"));
                case "--label" -> label = value(argv, ++i, "--label");
                case "--only" -> {
                    only = new TreeSet<>(Arrays.asList(value(argv, ++i, "--only").split(",")));
                    for (String w : only) {
                        if (!WORKLOADS.contains(w)) {
                            throw new IllegalArgumentException("--only: unknown workload '" + w + "'; valid: " + new TreeSet<>(WORKLOADS));
                        }
                    }
                }
                case "--quick" -> quick = true;
                default -> throw new IllegalArgumentException("unknown argument '" + argv.get(i)
                        + "'; usage: --out FILE [--label TEXT] [--only w1,w2] [--quick]");
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out FILE is required");
        }
        return new PeerRun(label, out, only, quick);
    }

    private static String value(List<String> argv, int at, String option) {
        if (at >= argv.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return argv.get(at);
    }

    public boolean wants(String workload) {
        return only.contains(workload);
    }

    /** Adds a line to the file's description of the run (library versions, thread settings). */
    public void detail(String key, String value) {
        details.put(key, value);
    }

    /**
     * Times a workload: warmup, then rounds of timed work.
     *
     * @param unitsPerRun what one {@link Step#run} counts in {@code unit} (1 for ops/s, 128 for samples/s, FLOPs / 1e9 for GFLOP/s)
     */
    public Result measure(String workload, String params, String unit, double unitsPerRun, Timing timing, Step step) throws Exception {
        Timing used = quick ? Timing.CHECK : timing;
        long i = 0;
        long warmupEnd = System.nanoTime() + used.warmup().toNanos();
        while (System.nanoTime() < warmupEnd) {
            step.prepare(i);
            step.run(i++);
        }
        List<Double> scores = new ArrayList<>();
        for (int r = 0; r < used.rounds(); r++) {
            long timed = 0;
            long count = 0;
            while (timed < used.round().toNanos()) {
                step.prepare(i);
                long start = System.nanoTime();
                step.run(i++);
                timed += System.nanoTime() - start;
                count++;
            }
            scores.add(count * unitsPerRun / (timed / 1e9));
        }
        Result result = new Result(workload, params, unit, scores);
        results.add(result);
        System.err.printf(Locale.ROOT, "%s: %-16s best %.4g %s (rounds %s, %d runs in all)%n", label, result.id(), result.best(), unit,
                scores.stream().map(s -> String.format(Locale.ROOT, "%.4g", s)).toList(), i);
        return result;
    }

    /** Writes the results file (atomically). */
    public void finish() throws IOException {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("label", label);
        tree.put("started", started.toString());
        tree.put("quick", quick);
        tree.put("java", Runtime.version().toString());
        tree.put("cores", Runtime.getRuntime().availableProcessors());
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE", "OMP_WAIT_POLICY", "MKL_NUM_THREADS")) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        tree.put("environment", env);
        tree.put("details", details);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Result r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("workload", r.workload());
            row.put("params", r.params());
            row.put("unit", r.unit());
            row.put("best", r.best());
            row.put("median", r.median());
            row.put("rounds", r.rounds());
            rows.add(row);
        }
        tree.put("results", rows);
        Path target = out.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            MAPPER.writeValue(temp.toFile(), tree);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        System.err.println(label + ": results in " + out);
    }
}
