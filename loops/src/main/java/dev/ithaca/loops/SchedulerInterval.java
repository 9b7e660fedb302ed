package dev.ithaca.loops;

/** When the {@link Trainer} advances its learning-rate scheduler (Lightning's {@code interval}). */
public enum SchedulerInterval {
    /** Once per epoch, after the epoch's validation (the default, as PyTorch's epoch-based schedulers expect). */
    EPOCH,
    /** After every optimizer step (warmup, OneCycleLR); an accumulation window is one step. */
    STEP
}
