package dev.ithaca.loops;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where {@link Trainer#fit(dev.ithaca.train.BatchSource, dev.ithaca.train.BatchSource, Resume)}
 * picks a run up: a {@link dev.ithaca.io.TrainingCheckpoint} written during an earlier fit (by
 * {@code ModelCheckpoint}, say).
 *
 * @param checkpoint the checkpoint file
 */
public record Resume(Path checkpoint) {

    public Resume {
        Objects.requireNonNull(checkpoint, "checkpoint");
    }

    /** Resume from {@code checkpoint}. */
    public static Resume from(Path checkpoint) {
        return new Resume(checkpoint);
    }
}
