package dev.ithaca.schedule;

import dev.ithaca.train.Optimizer;

import java.util.Map;

/**
 * Linear warmup, then constant: {@code lr = base_lr * epoch / warmupSteps} while
 * {@code epoch < warmupSteps}, then {@code base_lr}, as Hugging Face's
 * {@code get_constant_schedule_with_warmup} (a {@code LambdaLR}) defines it, so the first step runs at
 * lr 0. Like {@code LambdaLR} it sets the lr rather than scaling the current one, so it does not chain
 * by multiplication; to warm up and then decay, put it first in a {@link SequentialLR}.
 */
public final class WarmupLR extends AbstractLRScheduler {
    private final int warmupSteps;

    public WarmupLR(Optimizer optimizer, int warmupSteps) {
        super(optimizer);
        this.warmupSteps = Checks.atLeast("WarmupLR", "warmupSteps", warmupSteps, 0);
        initialStep();
    }

    @Override
    protected double closedFormLr(int group, int epoch) {
        double factor = epoch < warmupSteps ? epoch / Math.max(1.0, warmupSteps) : 1.0;
        return baseLr(group) * factor;
    }

    @Override
    protected Map<String, Object> hyperparameters() {
        return StateValues.ordered("warmup_steps", warmupSteps);
    }
}
