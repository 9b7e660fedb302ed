package dev.ithaca.cli.command;

import dev.ithaca.cli.CliException;
import dev.ithaca.cli.FailureReport;
import dev.ithaca.cli.build.TrainingRun;
import dev.ithaca.cli.config.RunConfig;
import dev.ithaca.io.CheckpointFormatException;
import dev.ithaca.io.TrainingCheckpoint;
import dev.ithaca.nn.Module;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loading trained weights into a freshly built model, from a training checkpoint or a plain model file. */
final class Checkpoints {
    private Checkpoints() {
    }

    /** {@code --checkpoint} when given, else the run's {@code last.safetensors}. */
    static Path choose(Path flag, RunConfig config) {
        if (flag != null) {
            return flag;
        }
        Path dir = config.callbacks().checkpoint().dir() != null ? config.callbacks().checkpoint().dir()
                : config.outputDir().resolve("checkpoints");
        return dir.resolve(TrainingRun.LAST_CHECKPOINT);
    }

    /**
     * Puts the weights of {@code file} into {@code model}: a training checkpoint (model part only) or a
     * file written by {@code Module.save}. Missing, corrupt or mismatched files are exit code 4.
     */
    static void loadWeights(Module model, Path file) {
        if (!Files.isRegularFile(file)) {
            throw CliException.io("checkpoint not found: " + file.toAbsolutePath() + " (train first, or pass --checkpoint)", null);
        }
        try {
            try {
                TrainingCheckpoint.restoreModel(file, model);
            } catch (CheckpointFormatException e) {
                if (!e.problem().startsWith("not a training checkpoint")) {
                    throw e;
                }
                model.load(file, true);
            }
        } catch (CheckpointFormatException e) {
            throw CliException.io("corrupt checkpoint " + e.getMessage() + ". Point --checkpoint to a good file.", e);
        } catch (IOException e) {
            throw CliException.io("cannot read checkpoint " + file + ": " + FailureReport.describe(e), e);
        } catch (IllegalArgumentException e) {
            throw CliException.io("checkpoint " + file + " does not fit the model the config describes: " + e.getMessage(), e);
        }
    }
}
