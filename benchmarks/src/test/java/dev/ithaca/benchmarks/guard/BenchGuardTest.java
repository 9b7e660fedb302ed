package dev.ithaca.benchmarks.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ithaca.benchmarks.BenchReport;
import dev.ithaca.benchmarks.JsonFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.ithaca.benchmarks.guard.SyntheticResults.baseline;
import static dev.ithaca.benchmarks.guard.SyntheticResults.ratio;
import static dev.ithaca.benchmarks.guard.SyntheticResults.report;
import static org.assertj.core.api.Assertions.assertThat;

/** The command line on saved results ({@code --compare}), so it needs no benchmark run. */
class BenchGuardTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private Path baselineFile;

    @BeforeEach
    void capture() throws IOException {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        baselineFile = dir.resolve("baseline.json");
        baseline().write(baselineFile);
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private Path results(double matmulTensorScore) throws IOException {
        BenchReport run = report(List.of(ratio("matmul", "matmul", "n=1024", matmulTensorScore, 82), ratio("add", "add 16M", "", 130, 100)),
                List.of());
        Path file = dir.resolve("results-" + matmulTensorScore + ".json");
        JsonFile.write(file, run.toJsonTree());
        return file;
    }

    @Test
    void passingResultsExitZero() throws IOException {
        int status = BenchGuard.run(new String[] {"--compare", results(80).toString(), "--baseline", baselineFile.toString()});

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("matmul n=1024", "Guard: PASS");
    }

    @Test
    void aRegressionExitsOneAndIsNamedWithItsSize() throws IOException {
        int status = BenchGuard.run(new String[] {"--compare", results(41).toString(), "--baseline", baselineFile.toString()});

        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("REGRESSION matmul n=1024: 0.500 vs baseline 1.000 (-50.0%, tolerance 20%)");
    }

    @Test
    void aRegressionOnABusyMachineExitsTwo() throws IOException {
        BenchReport run = report(List.of(ratio("matmul", "matmul", "n=1024", 41, 82)), List.of(), 0.5);
        Path file = dir.resolve("busy.json");
        JsonFile.write(file, run.toJsonTree());

        int status = BenchGuard.run(new String[] {"--compare", file.toString(), "--baseline", baselineFile.toString()});

        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Machine busy: other processes used 50%", "Guard: CANNOT JUDGE");
    }

    @Test
    void jsonAndANewBaselineAreWrittenWhereAsked() throws IOException {
        Path json = dir.resolve("out/guard.json");
        Path newBaseline = dir.resolve("new-baseline.json");
        int status = BenchGuard.run(new String[] {"--compare", results(41).toString(), "--baseline", baselineFile.toString(),
                "--json", json.toString(), "--write-baseline", newBaseline.toString()});

        assertThat(status).isEqualTo(1);
        JsonNode tree = new ObjectMapper().readTree(json.toFile());
        assertThat(tree.path("guard").path("passed").asBoolean(true)).isFalse();
        assertThat(tree.path("guard").path("findings").get(0).path("change").asDouble()).isEqualTo(-0.5);
        assertThat(tree.path("ratios").get(0).path("ratio").asDouble()).isEqualTo(0.5);
        assertThat(Baseline.load(newBaseline).ratios().get("matmul n=1024")).isEqualTo(new Baseline.Expected(0.5, 0.2, ""));
    }

    @Test
    void badArgumentsAndFilesExitTwoWithAMessage() throws IOException {
        assertThat(BenchGuard.run(new String[] {"--profile", "fast"})).isEqualTo(2);
        assertThat(BenchGuard.run(new String[] {"--baseline"})).isEqualTo(2);
        assertThat(BenchGuard.run(new String[] {"--compare", results(80).toString(), "Matmul"})).isEqualTo(2);
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"ratios\": {\"x\": {\"ratio\": 1}}}");
        assertThat(BenchGuard.run(new String[] {"--baseline", broken.toString()})).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown benchmark profile 'fast'", "--baseline needs a value",
                "do not apply", "ratio 'x' needs a number \"tolerance\"");
    }
}
