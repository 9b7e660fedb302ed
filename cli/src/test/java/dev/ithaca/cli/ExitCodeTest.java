package dev.ithaca.cli;

import dev.ithaca.spi.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every exit code produced by a real failure, each reported in one line without a stack trace. */
class ExitCodeTest {
    @TempDir
    Path dir;

    @Test
    void badConfigIsOne() throws IOException {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "data: {type: csv, path: t.csv}\nmodel: mlp\noptimizer: {type: adamw, lr: -0.1}\n");
        CliRun run = CliRun.of("train", "--config", config.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("ithaca train: error: invalid configuration").contains("optimizer.lr: must be > 0, got -0.1");
        assertThat(run.printedStackTrace()).isFalse();
    }

    @Test
    void badArgumentsAreOne() {
        CliRun run = CliRun.of("train", "--confg", "x.yaml");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Unknown options: '--confg'").contains("--config").contains("See 'ithaca train --help'");
        assertThat(CliRun.of("train").exitCode()).isEqualTo(1);
        assertThat(CliRun.of("nosuchcommand").exitCode()).isEqualTo(1);
    }

    @Test
    void missingDataIsTwo() throws IOException {
        Path config = Fixtures.csvConfig(dir, dir.resolve("missing.csv"), dir.resolve("out"));
        CliRun run = CliRun.of("train", "--config", config.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("cannot load the csv data").contains("missing.csv");
        assertThat(run.printedStackTrace()).isFalse();
    }

    @Test
    void corruptDataIsTwo() throws IOException {
        Path images = dir.resolve("images.idx");
        Files.write(images, new byte[]{0, 0, 8, 3, 0, 0, 0, 9, 1, 2});
        Path labels = dir.resolve("labels.idx");
        Files.write(labels, new byte[]{0, 0, 8, 1, 0, 0, 0, 9});
        Path config = dir.resolve("idx.yaml");
        Files.writeString(config, """
                data: {type: idx, train_images: %s, train_labels: %s}
                model: mlp
                optimizer: sgd
                output_dir: %s
                """.formatted(images, labels, dir.resolve("out")));
        CliRun run = CliRun.of("train", "--config", config.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("images.idx");
        assertThat(run.printedStackTrace()).isFalse();
    }

    @Test
    void divergingTrainingIsThree() throws IOException {
        Path config = Fixtures.csvConfig(dir, Fixtures.classificationCsv(dir, 96), dir.resolve("out"));
        CliRun run = CliRun.of("train", "--config", config.toString(), "--set", "optimizer.lr=1e30");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).contains("training diverged").contains("Lower optimizer.lr");
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(Files.readString(dir.resolve("out/training_metrics.json"))).contains("\"status\" : \"diverged\"");
    }

    @Test
    void unwritableOutputDirectoryIsFour() throws IOException {
        Path blocker = Files.writeString(dir.resolve("a-file"), "not a directory");
        Path config = Fixtures.csvConfig(dir, Fixtures.classificationCsv(dir, 32), blocker.resolve("out"));
        CliRun run = CliRun.of("train", "--config", config.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        assertThat(run.err()).contains("cannot write to the output directory").contains("--output-dir");
        assertThat(run.printedStackTrace()).isFalse();
    }

    @Test
    void corruptCheckpointIsFourAndVerboseShowsTheStackTrace() throws IOException {
        Path out = dir.resolve("out");
        Path config = Fixtures.csvConfig(dir, Fixtures.classificationCsv(dir, 64), out);
        assertThat(CliRun.of("train", "--config", config.toString()).exitCode()).isZero();
        Path last = out.resolve("checkpoints/last.safetensors");
        assertThat(last).exists();
        Files.write(last, new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});

        CliRun run = CliRun.of("train", "--config", config.toString(), "--resume");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        assertThat(run.err()).contains("corrupt checkpoint").contains("last.safetensors");
        assertThat(run.printedStackTrace()).isFalse();

        CliRun verbose = CliRun.of("train", "--config", config.toString(), "--resume", "--verbose");
        assertThat(verbose.exitCode()).isEqualTo(4);
        assertThat(verbose.printedStackTrace()).isTrue();
    }

    @Test
    void unavailableBackendIsFive() throws IOException {
        Path config = Fixtures.csvConfig(dir, Fixtures.classificationCsv(dir, 32), dir.resolve("out"));
        CliRun run = CliRun.of("train", "--config", config.toString(), "--backend", "no-such-backend");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(run.err()).contains("Backend 'no-such-backend'").contains("ithaca info");
        assertThat(run.printedStackTrace()).isFalse();

        CliRun fromConfig = CliRun.of("train", "--config", config.toString(), "--set", "backend=nosuch");
        assertThat(fromConfig.exitCode()).as(fromConfig.toString()).isEqualTo(5);
        assertThat(fromConfig.err()).contains("Backend 'nosuch' is not on the classpath");
        assertThat(fromConfig.printedStackTrace()).isFalse();

        boolean cudaUsable = Backends.describe().stream().anyMatch(b -> b.name().equals("cuda") && b.availability().available());
        if (!cudaUsable) {
            CliRun cuda = CliRun.of("train", "--config", config.toString(), "--backend", "cuda");
            assertThat(cuda.exitCode()).as(cuda.toString()).isEqualTo(5);
            assertThat(cuda.err()).contains("Backend 'cuda'");
            assertThat(cuda.printedStackTrace()).isFalse();
        }
    }
}
