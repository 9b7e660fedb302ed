package dev.ithaca.benchmarks.guard;

import dev.ithaca.benchmarks.RatioResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.ithaca.benchmarks.guard.SyntheticResults.baseline;
import static dev.ithaca.benchmarks.guard.SyntheticResults.missing;
import static dev.ithaca.benchmarks.guard.SyntheticResults.ratio;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BaselineTest {
    @TempDir
    Path dir;

    @Test
    void readsRatiosTolerancesAndNotesInFileOrder() {
        Baseline b = baseline();
        assertThat(b.ratios()).containsOnlyKeys("matmul n=1024", "add 16M", "autograd: MLP step");
        assertThat(b.ratios().keySet()).first().isEqualTo("matmul n=1024");
        assertThat(b.ratios().get("autograd: MLP step")).isEqualTo(new Baseline.Expected(1.0, 0.25, "noisy"));
        assertThat(b.comment()).isEqualTo("test");
    }

    @Test
    void rejectsBadFilesNamingTheEntry() {
        assertThatThrownBy(() -> Baseline.parse("{", "f.json")).hasMessageStartingWith("f.json: not valid JSON");
        assertThatThrownBy(() -> Baseline.parse("{\"ratio\": {}}", "f.json")).hasMessageContaining("\"ratios\" object");
        assertThatThrownBy(() -> Baseline.parse("{\"ratios\": {\"add 16M\": {\"ratio\": 1.4}}}", "f.json"))
                .hasMessageContaining("'add 16M'").hasMessageContaining("\"tolerance\"");
        assertThatThrownBy(() -> Baseline.parse("{\"ratios\": {\"add 16M\": {\"ratio\": 1.4, \"tolerance\": 1.5}}}", "f.json"))
                .hasMessageContaining("'add 16M'").hasMessageContaining("(0, 1)").hasMessageContaining("1.5");
        assertThatThrownBy(() -> Baseline.parse("{\"ratios\": {\"add 16M\": {\"ratio\": -1, \"tolerance\": 0.2}}}", "f.json"))
                .hasMessageContaining("'add 16M'").hasMessageContaining("> 0");
        assertThatThrownBy(() -> Baseline.parse("{\"ratios\": {\"add 16M\": {\"ratio\": 1, \"tolerance\": 0.2, \"tol\": 3}}}", "f.json"))
                .hasMessageContaining("unknown field 'tol'");
        assertThatThrownBy(() -> Baseline.parse("{\"ratios\": {\"add 16M\": 1.4}}", "f.json")).hasMessageContaining("must be an object");
    }

    @Test
    void updatingPutsInMeasuredRatiosAndKeepsTolerances() {
        Baseline updated = baseline().updatedWith(List.of(ratio("add", "add 16M", "", 150, 100), ratio("sum", "sum 16M", "", 17, 10),
                missing("matmul", "matmul n=1024")));

        assertThat(updated.ratios().get("add 16M")).isEqualTo(new Baseline.Expected(1.5, 0.25, ""));
        assertThat(updated.ratios().get("sum 16M")).isEqualTo(new Baseline.Expected(1.7, Baseline.DEFAULT_TOLERANCE, ""));
        assertThat(updated.ratios().get("matmul n=1024")).isEqualTo(baseline().ratios().get("matmul n=1024"));
        assertThat(updated.ratios().get("autograd: MLP step").note()).isEqualTo("noisy");
    }

    @Test
    void writesAFileThatReadsBackTheSame() throws IOException {
        Path file = dir.resolve("baseline.json");
        Files.writeString(file, "old");
        baseline().write(file);

        Baseline read = Baseline.load(file);
        assertThat(read.ratios()).isEqualTo(baseline().ratios());
        assertThat(read.comment()).isEqualTo("test");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void theBundledBaselineNamesOnlyRatiosTheBenchmarksMeasure() {
        Baseline bundled = Baseline.bundled();
        List<String> labels = dev.ithaca.benchmarks.TestAccess.comparisonLabels();
        assertThat(bundled.ratios()).isNotEmpty();
        assertThat(bundled.ratios().keySet()).allSatisfy(id -> assertThat(labels).anySatisfy(label ->
                assertThat(id.equals(label) || id.startsWith(label + " ")).as("%s is a ratio of '%s'", id, label).isTrue()));
        assertThat(bundled.ratios().values()).allSatisfy(e -> assertThat(e.tolerance()).isLessThan(0.5));
    }

    @Test
    void aResultIdIsItsLabelAndParams() {
        assertThat(RatioResult.idOf("matmul", "n=1024")).isEqualTo("matmul n=1024");
        assertThat(RatioResult.idOf("add 16M", "")).isEqualTo("add 16M");
    }
}
