package dev.ithaca.loops;

import dev.ithaca.io.TrainingCheckpoint;
import dev.ithaca.train.Callback;
import dev.ithaca.train.CallbackSignal;
import dev.ithaca.train.TrainingState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Writes one {@link TrainingCheckpoint} in a chosen hook at a chosen epoch (and batch), as a crash-time save would. */
final class SaveAt implements Callback {
    private final Path file;
    private final String hook;
    private final int epoch;
    private final long batch;
    private boolean saved;

    private SaveAt(Path file, String hook, int epoch, long batch) {
        this.file = file;
        this.hook = hook;
        this.epoch = epoch;
        this.batch = batch;
    }

    static SaveAt batchEnd(Path file, int epoch, long batch) {
        return new SaveAt(file, "batchEnd", epoch, batch);
    }

    static SaveAt epochEnd(Path file, int epoch) {
        return new SaveAt(file, "epochEnd", epoch, -1);
    }

    static SaveAt validationEnd(Path file, int epoch) {
        return new SaveAt(file, "validationEnd", epoch, -1);
    }

    static SaveAt epochBegin(Path file, int epoch) {
        return new SaveAt(file, "epochBegin", epoch, -1);
    }

    boolean saved() {
        return saved;
    }

    private CallbackSignal maybeSave(String current, TrainingState state) {
        if (current.equals(hook) && state.epoch() == epoch && (batch < 0 || state.batchIndex() == batch)) {
            try {
                TrainingCheckpoint.save(file, state);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            saved = true;
        }
        return CallbackSignal.CONTINUE;
    }

    @Override
    public CallbackSignal onBatchEnd(TrainingState state) {
        return maybeSave("batchEnd", state);
    }

    @Override
    public CallbackSignal onEpochEnd(TrainingState state) {
        return maybeSave("epochEnd", state);
    }

    @Override
    public CallbackSignal onEpochBegin(TrainingState state) {
        return maybeSave("epochBegin", state);
    }

    @Override
    public CallbackSignal onValidationEnd(TrainingState state) {
        return maybeSave("validationEnd", state);
    }
}
