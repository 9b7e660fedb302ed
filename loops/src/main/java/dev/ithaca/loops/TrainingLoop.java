package dev.ithaca.loops;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.memory.Scope;
import dev.ithaca.nn.Parameter;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;
import dev.ithaca.train.BatchIterator;
import dev.ithaca.train.BatchSource;
import dev.ithaca.train.Callback;
import dev.ithaca.train.LossChecks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Trains the batches of one epoch: for each batch, {@code onBatchBegin}, then in one {@link Scope}
 * (so every intermediate is freed when the step ends) the forward pass, the loss, its backward pass
 * and, when an accumulation window is complete, gradient clipping, the optimizer step and a
 * step-interval scheduler step; the batch is closed; then {@code onBatchEnd} with the batch's
 * {@code loss}.
 *
 * <h2>Gradient accumulation</h2>
 * With {@code accumulateGradBatches = n}, gradients of n consecutive batches are summed, each batch's
 * loss scaled by 1/n (as Lightning), and the optimizer steps once; the last window of an epoch steps
 * even when shorter. The global step counts optimizer steps. Gradients are cleared when a window
 * opens, so they stay visible to callbacks until the next window.
 *
 * <h2>Stopping</h2>
 * The epoch ends early, after the current batch, once a stop is requested or {@code maxSteps}
 * optimizer steps are reached; the open window of a stopped epoch is dropped without a step.
 */
@SuppressWarnings("try") // scopes, NoGrad and Backends.use work by being open, not by being referenced
final class TrainingLoop {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);

    private final TrainerConfig config;
    private final CallbackList callbacks;

    TrainingLoop(TrainerConfig config, CallbackList callbacks) {
        this.config = config;
        this.callbacks = callbacks;
    }

    /** Trains {@code state}'s epoch from its next batch; returns the number of samples trained. */
    long run(BatchSource source, RunState state) {
        long samples = 0;
        try (BatchIterator batches = source.iterate(state.epoch(), state.nextBatch())) {
            while (!state.shouldStop() && !config.reachedMaxSteps(state.globalStep()) && batches.hasNext()) {
                state.beginBatch(batches.nextBatchIndex());
                state.requestStop(callbacks.call("onBatchBegin", Callback::onBatchBegin, state));
                try (Scope step = Scope.open(); Batch batch = batches.next()) {
                    samples += batch.size();
                    // by count, not hasNext(): a source that loads ahead in hasNext() must not load into this scope
                    train(batch, state, state.batchIndex() + 1 >= state.batchesPerEpoch());
                }
                state.endBatch();
                state.requestStop(callbacks.call("onBatchEnd", Callback::onBatchEnd, state));
            }
        }
        if (state.windowBatches() > 0) {
            LOG.debug("epoch {} stopped with {} accumulated batches; they take no optimizer step", state.epoch(), state.windowBatches());
            state.closeWindow();
        }
        return samples;
    }

    private void train(Batch batch, RunState state, boolean lastOfEpoch) {
        if (!batch.hasTarget()) {
            throw new IllegalArgumentException("Trainer: training batch " + state.batchIndex() + " of epoch " + state.epoch()
                    + " has no target; training needs labelled batches");
        }
        if (state.windowBatches() == 0) {
            config.optimizer().zeroGrad();
        }
        Tensor input = Placement.onto(batch.input(), config.backend());
        Tensor target = Placement.onto(batch.target(), config.backend());
        Tensor output = config.model().forward(input);
        Tensor loss = config.loss().forward(output, target);
        double value = ValidationLoop.scalarLoss(loss, "Trainer");
        boolean usable = accepts(value, state);
        if (usable) {
            int n = config.accumulateGradBatches();
            (n == 1 ? loss : loss.div(n)).backward();
            state.epochLoss().add(value, batch.size());
            try (NoGrad ignored = NoGrad.enter()) {
                config.metrics().values().forEach(metric -> metric.update(output, target));
            }
        }
        state.log("loss", value);
        state.addToWindow(usable);
        if (state.windowBatches() == config.accumulateGradBatches() || lastOfEpoch) {
            if (state.windowContributions() > 0) {
                step(state);
            }
            state.closeWindow();
        }
    }

    private void step(RunState state) {
        if (config.clipping() != null) {
            List<Parameter> parameters = config.model().parameters();
            config.clipping().apply(parameters);
        }
        config.optimizer().step();
        state.countStep();
        config.stepScheduler(SchedulerInterval.STEP, state.metrics());
    }

    /** Applies the non-finite loss policy; true when the loss is to be backpropagated. */
    private boolean accepts(double value, RunState state) {
        if (LossChecks.isValidLoss(value)) {
            return true;
        }
        String where = "loss " + value + " at epoch " + state.epoch() + ", batch " + state.batchIndex() + " (global step "
                + state.globalStep() + ")";
        return switch (config.onNonFiniteLoss()) {
            case FAIL -> throw new IllegalStateException("Trainer: non-finite " + where
                    + "; lower the learning rate or clip gradients, or skip such batches with onNonFiniteLoss(NonFiniteLoss.SKIP)");
            case SKIP -> {
                LOG.warn("Skipping batch with non-finite {}", where);
                yield false;
            }
            case IGNORE -> true;
        };
    }
}
