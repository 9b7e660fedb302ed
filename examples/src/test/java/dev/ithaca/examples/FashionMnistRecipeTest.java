package dev.ithaca.examples;

import dev.ithaca.data.idx.FashionMnist;
import dev.ithaca.examples.FashionMnistRecipe.Architecture;
import dev.ithaca.examples.FashionMnistRecipe.Result;
import dev.ithaca.examples.FashionMnistRecipe.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's Fashion-MNIST job in small: one epoch on a 6,000-image subset per model, on the real
 * files from Debian's {@code dataset-fashion-mnist} (CI installs it; elsewhere the test is skipped
 * with the install command).
 */
class FashionMnistRecipeTest {

    @TempDir
    Path output;

    @Test
    void mlpLearnsFromOneEpochOnASubset() throws Exception {
        Result result = runShort(Architecture.MLP);
        // chance is 10%; one epoch over 6,000 images reaches about 78% with these settings
        assertThat(result.testAccuracy()).isGreaterThan(0.70);
    }

    @Test
    void lenet5LearnsFromOneEpochOnASubset() throws Exception {
        Result result = runShort(Architecture.LENET5);
        assertThat(result.testAccuracy()).isGreaterThan(0.60);
    }

    private Result runShort(Architecture architecture) throws Exception {
        assumeTrue(FashionMnist.isInstalled(),
                "Fashion-MNIST is not installed in " + FashionMnist.DEFAULT_DIRECTORY + ": apt-get install dataset-fashion-mnist");
        Settings settings = new Settings(architecture, 1, 128, 1e-3, 1e-4, 3, 6_000, 42, 1, output, true);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Result result;
        try (PrintStream out = new PrintStream(progress, true, StandardCharsets.UTF_8)) {
            result = FashionMnistRecipe.run(FashionMnist.locate(), settings, out);
        }
        assertThat(result.epochsRun()).isEqualTo(1);
        assertThat(result.testLoss()).isFinite();
        assertThat(result.samplesPerSecond()).isPositive();
        assertThat(result.history().get("val_acc")).hasSize(1);
        // ModelCheckpoint kept the best and the last checkpoint, and the progress bar drew
        assertThat(Files.exists(result.bestCheckpoint())).isTrue();
        assertThat(output.resolve(architecture.name().toLowerCase()).resolve("last.safetensors")).exists();
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("Epoch");
        return result;
    }
}
