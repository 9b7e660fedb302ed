package dev.ithaca.train;

import dev.ithaca.nn.Module;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a training loop shows its callbacks: where training is (epoch, step, batch), the latest
 * metrics, and the objects a callback may need to save or restore (model, optimizer, scheduler,
 * the other callbacks). Counters are zero-based; {@code globalStep} counts optimizer steps taken.
 */
public interface TrainingState {

    /** Current epoch, from 0. */
    int epoch();

    /** Epochs the run is configured for, or -1 when it is bounded by steps only. */
    int maxEpochs();

    /** Optimizer steps taken since the run began (resumed runs continue the count). */
    long globalStep();

    /** Index of the current batch within the epoch, from 0. */
    long batchIndex();

    /** Batches per epoch, or -1 when the loader cannot tell. */
    long batchesPerEpoch();

    /**
     * Latest value of every logged quantity, e.g. {@code loss} after each batch and
     * {@code val_loss}, {@code val_acc} after validation. Unmodifiable view.
     */
    Map<String, Double> metrics();

    /** Learning rate of the optimizer's first parameter group. */
    default double learningRate() {
        return optimizer().learningRate();
    }

    /** True once a callback (or the loop) has asked to stop. */
    boolean shouldStop();

    Module model();

    Optimizer optimizer();

    Optional<LRScheduler> scheduler();

    /** The callbacks of this run, in the order they are called. */
    List<Callback> callbacks();

    /** The loop's own counters and RNG state, as plain data, for checkpoints that resume exactly. */
    Map<String, Object> loopState();
}
