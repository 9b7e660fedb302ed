package dev.ithaca.cli.config;

import dev.ithaca.cli.config.bind.Key;
import dev.ithaca.cli.config.bind.Section;

/** The loop: epochs, batches, accumulation, clipping, seed, validation cadence; named as in PyTorch Lightning's Trainer. */
@Section(doc = "The training loop. Names follow PyTorch Lightning's `Trainer` where it has one.")
public record TrainingConfig(
        @Key(doc = "Passes over the training data.", defaultValue = "10", min = 1) int epochs,
        @Key(doc = "Examples (or token windows) per batch.", defaultValue = "32", min = 1) int batchSize,
        @Key(doc = "Batch size for validation, test and evaluation; unset means `batch_size`.", defaultValue = Key.UNSET, min = 1)
        Integer evalBatchSize,
        @Key(doc = "Batches whose gradients are summed before each optimizer step.", defaultValue = "1", min = 1)
        int accumulateGradBatches,
        @Key(doc = "Clip gradients to this total norm (or value, see `gradient_clip_algorithm`); unset means no clipping.",
                defaultValue = Key.UNSET, min = 0, minExclusive = true) Double gradientClipVal,
        @Key(doc = "`norm` clips the global L2 norm of all gradients, `value` clamps each element.", defaultValue = "norm")
        ClipAlgorithm gradientClipAlgorithm,
        @Key(doc = "Seeds the model's initialization, dropout, data shuffling and the validation split.", defaultValue = "42")
        long seed,
        @Key(doc = "Validate after every n-th epoch; the final metrics always come from a validation of the final model.",
                defaultValue = "1", min = 1) int checkValEveryNEpoch,
        @Key(doc = "Train on at most this many batches per epoch (a fresh shuffled subset each epoch); unset means all.",
                defaultValue = Key.UNSET, min = 1) Integer limitTrainBatches,
        @Key(doc = "Validate on at most this many batches after each epoch (the final metrics always use all); unset means all.",
                defaultValue = Key.UNSET, min = 1) Integer limitValBatches,
        @Key(doc = "Whether the scheduler steps once per `epoch` or once per optimizer `step`.", defaultValue = "epoch")
        Interval schedulerInterval,
        @Key(doc = "Reshuffle the training data every epoch.", defaultValue = "true") boolean shuffle) {

    public enum ClipAlgorithm { NORM, VALUE }

    public enum Interval { EPOCH, STEP }

    public int effectiveEvalBatchSize() {
        return evalBatchSize != null ? evalBatchSize : batchSize;
    }
}
