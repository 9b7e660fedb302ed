package dev.ithaca.examples.docs;

import dev.ithaca.data.csv.CsvDataset;
import dev.ithaca.loops.History;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.BackendDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Runs every example the docs include, at small sizes, and checks what it computes. */
class DocExamplesTest {

    @TempDir
    Path dir;

    @Test
    void quickStartTrainsASeparableProblem() {
        assertThat(QuickStart.backendName()).isIn("cpu", "cuda");
        Map<String, Double> test = QuickStart.train(600, 4);
        // the blobs are 4 standard deviations apart: a linear boundary gets nearly all right
        assertThat(test.get("test_acc")).isGreaterThan(0.95);
        assertThat(test.get("test_loss")).isLessThan(0.3);
    }

    @Test
    void conceptsComputeWhatTheCommentsSay() {
        assertThat(Concepts.tensors()).containsExactly(66f, 75f);
        assertThat(Concepts.autograd()).containsExactly(5f, 7f, 9f);
        assertThat(Concepts.scopes()).as("bytes left live after the scope and the close").isZero();
        assertThat(Concepts.backends()).extracting(BackendDescription::name).contains("cpu");
    }

    @Test
    void handWrittenLoopLearnsASquare() {
        assertThat(TrainingByHand.optimizers(new dev.ithaca.nn.Linear(2, 2))).hasSize(5);
        // the mean of x² over [-1, 1) is 1/3 and its variance 4/45 ≈ 0.089: the fit must do much better than a constant
        assertThat(TrainingByHand.fit(300)).isLessThan(0.01);
    }

    @Test
    void schedulesFollowTheirFormulas() {
        List<Double> lrs = Schedules.warmupThenCosine(20);
        assertThat(lrs.get(0)).isCloseTo(3e-6, within(1e-12));                  // 1% of 3e-4
        assertThat(lrs.get(5)).isCloseTo(3e-4, within(1e-12));                  // warmup done: the peak
        assertThat(lrs.get(19)).isLessThan(lrs.get(10)).isGreaterThan(3e-5);   // decaying towards eta_min
        assertThat(Schedules.plateau()).isCloseTo(0.05, within(1e-12));
        double[] cycle = Schedules.oneCycle(100);
        assertThat(cycle[0]).isCloseTo(0.1, within(1e-3));                      // reaches max_lr
        assertThat(cycle[1]).isCloseTo(0.1 / 25 / 1e4, within(1e-9));           // ends at initial_lr / final_div_factor
    }

    @Test
    void metricsMatchHandCounts() {
        double[] values = MetricsExamples.classification();
        assertThat(values[0]).isCloseTo(0.75, within(1e-12));       // 3 of 4
        assertThat(values[1]).isCloseTo(1.0, within(1e-12));        // the target is always in the top 2
        // per class precision 1/2, 1, 1 -> macro 5/6; recall 1, 1, 1/2 -> macro 5/6
        assertThat(values[2]).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(values[3]).isCloseTo(5.0 / 6, within(1e-12));
        // F1 per class 2/3, 1, 2/3 weighted by support 1, 1, 2 -> (2/3 + 1 + 4/3) / 4 = 0.75
        assertThat(values[4]).isCloseTo(0.75, within(1e-12));
        assertThat(values[5]).isCloseTo(4.0 / 3, within(1e-6));
    }

    @Test
    void trainerWithCallbacksCheckpointsAndResumes() throws Exception {
        TrainerExamples.Run run = TrainerExamples.trainWithCallbacks(dir.resolve("callbacks"), 4);
        assertThat(run.history().size()).isBetween(1, 4);
        assertThat(run.history().last().get("val_acc")).isGreaterThan(0.9);
        assertThat(run.bestCheckpoint()).exists();
        assertThat(run.lastCheckpoint()).exists();
        assertThat(Files.readAllLines(run.csv())).hasSize(run.history().size() + 1);   // header + one row per epoch

        History resumed = TrainerExamples.stopAndResume(dir.resolve("resume"));
        assertThat(resumed.size()).isEqualTo(4);
        History uninterrupted = TrainerExamples.run(dir.resolve("straight"), 4, null);
        // resuming is exact: the same losses as a run that was never stopped
        assertThat(resumed.get("val_loss")).isEqualTo(uninterrupted.get("val_loss"));

        assertThat(TrainerExamples.evaluateCheckpoint(run.bestCheckpoint())).isGreaterThan(0.9);
    }

    @Test
    void dataExamplesReadWhatTheyWrite() throws Exception {
        assertThat(DataExamples.loader()).isEqualTo(10);
        CsvDataset iris = DataExamples.csv(dir);
        assertThat(iris.classes()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(iris.featureNames()).containsExactly("sepal_length", "sepal_width");
        long windows = DataExamples.text(dir);
        assertThat(windows).isPositive();
        assertThat(dir.resolve("tokenizer.json")).exists();
    }

    @Test
    void modelsHaveTheDocumentedShapesAndTheLanguageModelLearns() {
        long[][] shapes = ModelExamples.classifiers();
        assertThat(shapes[0]).containsExactly(8, 10);
        assertThat(shapes[1]).containsExactly(8, 10);
        Object[] lm = ModelExamples.languageModel(60);
        assertThat((double) lm[1]).isLessThan((double) lm[0] / 4);
        // the pattern 0 1 2 ... 7 repeats: greedy decoding continues it
        assertThat((long[]) lm[2]).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2);
    }

    @Test
    void checkpointsRoundTripAndBadLoadsAreExplained() throws Exception {
        List<String> messages = CheckpointExamples.saveAndLoad(dir);
        assertThat(messages.get(0)).startsWith("Error(s) loading state dict into Sequential:").contains("shape mismatches");
        assertThat(messages.get(1)).contains("truncated.safetensors");
    }

    @Test
    void backendsAreReachedExplicitly() {
        Backend backend = BackendExamples.gpuIfAvailable();
        assertThat(backend.name()).isIn("cpu", "cuda");
        assertThat(BackendExamples.cpuMemory()).containsExactly(1024L * 1024, 0L);
    }
}
