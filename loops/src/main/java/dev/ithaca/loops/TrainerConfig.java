package dev.ithaca.loops;

import dev.ithaca.nn.Module;
import dev.ithaca.nn.loss.Loss;
import dev.ithaca.spi.Backend;
import dev.ithaca.train.Callback;
import dev.ithaca.train.LRScheduler;
import dev.ithaca.train.Metric;
import dev.ithaca.train.Optimizer;

import java.util.List;
import java.util.Map;

/**
 * Everything a {@link Trainer} was built with, validated by {@link Trainer.Builder}. Nullable:
 * {@code scheduler}, {@code clipping} and {@code seed}; {@code maxEpochs} and {@code maxSteps} are
 * -1 when unbounded (never both).
 */
record TrainerConfig(Module model, Loss loss, Optimizer optimizer, LRScheduler scheduler, SchedulerInterval schedulerInterval,
                     String schedulerMonitor, List<Callback> callbacks, Map<String, Metric<? extends Number>> metrics,
                     int maxEpochs, long maxSteps, int accumulateGradBatches, GradientClipping clipping,
                     int validateEveryNEpochs, Long seed, Backend backend, NonFiniteLoss onNonFiniteLoss) {

    boolean reachedMaxSteps(long globalStep) {
        return maxSteps > 0 && globalStep >= maxSteps;
    }

    boolean allowsEpoch(int epoch) {
        return maxEpochs < 0 || epoch < maxEpochs;
    }

    /** Validation runs after epochs {@code n-1, 2n-1, ...} (Lightning's {@code check_val_every_n_epoch}). */
    boolean validatesAfter(int epoch) {
        return (epoch + 1) % validateEveryNEpochs == 0;
    }

    /**
     * Advances the scheduler when it runs at {@code interval}: with the monitored value when
     * {@code available} has it (metric-driven schedulers such as ReduceLROnPlateau use it, the others
     * ignore it), else without.
     */
    void stepScheduler(SchedulerInterval interval, Map<String, Double> available) {
        if (scheduler == null || interval != schedulerInterval) {
            return;
        }
        Double monitored = available.get(schedulerMonitor);
        if (monitored != null) {
            scheduler.step(monitored);
        } else {
            scheduler.step();
        }
    }
}
