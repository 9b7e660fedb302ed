package dev.ithaca.cli.build;

import dev.ithaca.cli.config.SchedulerConfig;
import dev.ithaca.schedule.ConstantLR;
import dev.ithaca.schedule.CosineAnnealingLR;
import dev.ithaca.schedule.ExponentialLR;
import dev.ithaca.schedule.LinearLR;
import dev.ithaca.schedule.MultiStepLR;
import dev.ithaca.schedule.OneCycleLR;
import dev.ithaca.schedule.ReduceLROnPlateau;
import dev.ithaca.schedule.SequentialLR;
import dev.ithaca.schedule.StepLR;
import dev.ithaca.schedule.WarmupLR;
import dev.ithaca.train.LRScheduler;
import dev.ithaca.train.Optimizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the configured learning-rate schedule. Lengths left unset ({@code cosine.t_max},
 * {@code one_cycle.total_steps}) span the rest of the run: {@code totalSteps} scheduler steps (epochs,
 * or optimizer steps with the step interval), less the steps before a sequential stage starts.
 */
public final class SchedulerFactory {
    private SchedulerFactory() {
    }

    /** @param totalSteps scheduler steps in the whole run (at least 1) */
    public static LRScheduler create(SchedulerConfig config, Optimizer optimizer, int totalSteps) {
        return create(config, optimizer, Math.max(1, totalSteps), 0);
    }

    private static LRScheduler create(SchedulerConfig config, Optimizer optimizer, int totalSteps, int startsAt) {
        int remaining = Math.max(1, totalSteps - startsAt);
        if (config instanceof SchedulerConfig.Step c) {
            return new StepLR(optimizer, c.stepSize(), c.gamma());
        }
        if (config instanceof SchedulerConfig.MultiStep c) {
            return new MultiStepLR(optimizer, c.milestones().stream().mapToInt(Integer::intValue).toArray(), c.gamma());
        }
        if (config instanceof SchedulerConfig.Exponential c) {
            return new ExponentialLR(optimizer, c.gamma());
        }
        if (config instanceof SchedulerConfig.Cosine c) {
            return new CosineAnnealingLR(optimizer, c.tMax() != null ? c.tMax() : remaining, c.etaMin());
        }
        if (config instanceof SchedulerConfig.Linear c) {
            return new LinearLR(optimizer, c.startFactor(), c.endFactor(), c.totalIters());
        }
        if (config instanceof SchedulerConfig.Constant c) {
            return new ConstantLR(optimizer, c.factor(), c.totalIters());
        }
        if (config instanceof SchedulerConfig.Warmup c) {
            return new WarmupLR(optimizer, c.warmupSteps());
        }
        if (config instanceof SchedulerConfig.Sequential c) {
            List<LRScheduler> stages = new ArrayList<>();
            for (int i = 0; i < c.schedulers().size(); i++) {
                int stageStart = startsAt + (i == 0 ? 0 : c.milestones().get(i - 1));
                stages.add(create(c.schedulers().get(i), optimizer, totalSteps, stageStart));
            }
            return new SequentialLR(optimizer, stages, c.milestones().stream().mapToInt(Integer::intValue).toArray());
        }
        if (config instanceof SchedulerConfig.OneCycle c) {
            return OneCycleLR.builder(optimizer, c.maxLr(), c.totalSteps() != null ? c.totalSteps() : remaining)
                    .pctStart(c.pctStart()).annealStrategy(c.annealStrategy()).divFactor(c.divFactor())
                    .finalDivFactor(c.finalDivFactor()).threePhase(c.threePhase()).build();
        }
        SchedulerConfig.ReduceOnPlateau c = (SchedulerConfig.ReduceOnPlateau) config;
        return ReduceLROnPlateau.builder(optimizer).mode(c.mode()).factor(c.factor()).patience(c.patience())
                .threshold(c.threshold()).thresholdMode(c.thresholdMode()).cooldown(c.cooldown()).minLr(c.minLr()).eps(c.eps())
                .build();
    }
}
