package dev.ithaca.loops;

/** What the {@link Trainer} does with a training batch whose loss is NaN or infinite. */
public enum NonFiniteLoss {
    /** Throw an {@link IllegalStateException} naming the value, epoch, batch and global step (the default). */
    FAIL,
    /**
     * Skip the batch: no backward pass, no metric update, not counted in {@code train_loss}; its
     * {@code loss} is still reported to callbacks. A window of accumulated batches that are all
     * skipped takes no optimizer step.
     */
    SKIP,
    /** Backpropagate it anyway, as a plain PyTorch loop would (pair with {@code TerminateOnNaN}). */
    IGNORE
}
