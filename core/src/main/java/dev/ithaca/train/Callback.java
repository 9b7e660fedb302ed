package dev.ithaca.train;

import java.util.Map;

/**
 * Hooks a training loop calls at fixed points, each a documented no-op by default (as Lightning's
 * {@code Callback}). Every hook returns {@link CallbackSignal#CONTINUE} unless the callback wants
 * training to stop. Callbacks carry their own state into checkpoints through {@link #stateDict()}.
 */
public interface Callback {

    /** Before the first epoch (also when resuming). */
    default CallbackSignal onTrainBegin(TrainingState state) {
        return CallbackSignal.CONTINUE;
    }

    /** After the last epoch, or after a stop was requested. */
    default CallbackSignal onTrainEnd(TrainingState state) {
        return CallbackSignal.CONTINUE;
    }

    default CallbackSignal onEpochBegin(TrainingState state) {
        return CallbackSignal.CONTINUE;
    }

    /** After the epoch's training batches and its validation (if any ran this epoch). */
    default CallbackSignal onEpochEnd(TrainingState state) {
        return CallbackSignal.CONTINUE;
    }

    default CallbackSignal onBatchBegin(TrainingState state) {
        return CallbackSignal.CONTINUE;
    }

    /** After the optimizer step of a batch; {@code metrics()} holds the batch's {@code loss}. */
    default CallbackSignal onBatchEnd(TrainingState state) {
        return CallbackSignal.CONTINUE;
    }

    default CallbackSignal onValidationBegin(TrainingState state) {
        return CallbackSignal.CONTINUE;
    }

    /** After validation; {@code metrics()} holds the {@code val_*} values. */
    default CallbackSignal onValidationEnd(TrainingState state) {
        return CallbackSignal.CONTINUE;
    }

    /** When training fails with {@code error}; the loop rethrows it afterwards. */
    default CallbackSignal onException(TrainingState state, Throwable error) {
        return CallbackSignal.CONTINUE;
    }

    /** Key under which this callback's state is stored in a checkpoint; unique within a run. */
    default String stateKey() {
        return getClass().getSimpleName();
    }

    /** Plain data (numbers, strings, booleans, lists, maps, and tensors) that {@link #loadStateDict} restores. */
    default Map<String, Object> stateDict() {
        return Map.of();
    }

    default void loadStateDict(Map<String, ?> state) {
    }
}
