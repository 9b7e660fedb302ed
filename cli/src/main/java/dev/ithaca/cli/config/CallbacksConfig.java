package dev.ithaca.cli.config;

import dev.ithaca.cli.config.bind.Checked;
import dev.ithaca.cli.config.bind.Key;
import dev.ithaca.cli.config.bind.Problems;
import dev.ithaca.cli.config.bind.Section;

import java.nio.file.Path;

/** The callbacks of a run (from {@code ithaca-callbacks}). */
@Section(doc = "Callbacks run by the training loop.")
public record CallbacksConfig(
        @Key(doc = "Stop when a validation metric stops improving.", defaultValue = "{}") EarlyStopping earlyStopping,
        @Key(doc = "Save checkpoints that resume training exactly.", defaultValue = "{}") Checkpoint checkpoint,
        @Key(doc = "Stop at the first NaN or infinite loss (the run then exits with code 3).", defaultValue = "true")
        boolean terminateOnNan,
        @Key(doc = "Show a progress bar per epoch on the terminal.", defaultValue = "true") boolean progressBar,
        @Key(doc = "Also write the epoch metrics to `<output_dir>/metrics.csv`.", defaultValue = "false") boolean csvLog) {

    @Section(doc = "Early stopping (PyTorch Lightning's `EarlyStopping`).")
    public record EarlyStopping(
            @Key(doc = "Whether early stopping is on.", defaultValue = "false") boolean enabled,
            @Key(doc = "The metric watched, e.g. `val_loss` or `val_accuracy`.", defaultValue = "val_loss") String monitor,
            @Key(doc = "Validations without improvement before training stops.", defaultValue = "3", min = 1) int patience,
            @Key(doc = "Least change that counts as an improvement.", defaultValue = "0", min = 0) double minDelta,
            @Key(doc = "Whether lower (`min`) or higher (`max`) is better.", defaultValue = "min", allowed = {"min", "max"})
            String mode,
            @Key(doc = "Stop at once if the metric does not reach this value.", defaultValue = Key.UNSET) Double baseline,
            @Key(doc = "Put back the weights of the best validation when training stops.", defaultValue = "false")
            boolean restoreBestWeights,
            @Key(doc = "Stop when the metric becomes NaN or infinite.", defaultValue = "true") boolean checkFinite) {
    }

    @Section(doc = "Checkpointing (PyTorch Lightning's `ModelCheckpoint`); `last.safetensors` is what `--resume` continues from.")
    public record Checkpoint(
            @Key(doc = "Whether checkpoints are saved.", defaultValue = "true") boolean enabled,
            @Key(doc = "Directory of the checkpoint files; unset means `<output_dir>/checkpoints`.", defaultValue = Key.UNSET)
            Path dir,
            @Key(doc = "The metric that ranks checkpoints; unset keeps the newest.", defaultValue = "val_loss") String monitor,
            @Key(doc = "Whether lower (`min`) or higher (`max`) is better.", defaultValue = "min", allowed = {"min", "max"})
            String mode,
            @Key(doc = "Best checkpoints kept: -1 all, 0 none (only `last`), k the k best.", defaultValue = "1", min = -1)
            int saveTopK,
            @Key(doc = "Also keep `last.safetensors`, always the newest.", defaultValue = "true") boolean saveLast,
            @Key(doc = "Save every n epochs (0: by steps only).", defaultValue = "1", min = 0) int everyNEpochs,
            @Key(doc = "Save every n optimizer steps instead (0: off); makes an interrupted epoch resumable.",
                    defaultValue = "0", min = 0) int everyNSteps,
            @Key(doc = "File name template; `{epoch}`, `{step}` and metrics such as `{val_loss:.4f}` are filled in.",
                    defaultValue = "epoch={epoch}-step={step}") String filename) implements Checked {
        @Override
        public void check(Problems problems) {
            if (everyNEpochs > 0 && everyNSteps > 0) {
                problems.add("every_n_steps", "cannot be combined with every_n_epochs (" + everyNEpochs
                        + "); set every_n_epochs: 0 to save by steps, got " + everyNSteps);
            }
            if (enabled && everyNEpochs == 0 && everyNSteps == 0) {
                problems.add("every_n_epochs", "and every_n_steps are both 0, so no checkpoint would ever be saved;"
                        + " set one of them, or enabled: false");
            }
        }
    }
}
