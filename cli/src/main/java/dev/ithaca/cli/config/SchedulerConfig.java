package dev.ithaca.cli.config;

import dev.ithaca.cli.config.bind.Checked;
import dev.ithaca.cli.config.bind.Key;
import dev.ithaca.cli.config.bind.Problems;
import dev.ithaca.cli.config.bind.Section;
import dev.ithaca.cli.config.bind.Variant;

import java.util.List;

/**
 * The learning-rate schedule, with PyTorch's {@code torch.optim.lr_scheduler} semantics. It steps
 * once per epoch or once per optimizer step ({@code training.scheduler_interval}); counts below
 * ({@code step_size}, {@code t_max}, ...) are in those steps.
 */
@Section(doc = "The learning-rate schedule, chosen by `type` (PyTorch semantics). It steps once per epoch or once per"
        + " optimizer step, as `training.scheduler_interval` says; every count below is in those steps. Leave the section"
        + " out for a constant learning rate.")
public sealed interface SchedulerConfig {

    @Variant(name = "step", doc = "StepLR: multiply the lr by `gamma` every `step_size` steps.")
    record Step(
            @Key(doc = "Steps between decays.", min = 1) int stepSize,
            @Key(doc = "Multiplicative decay.", defaultValue = "0.1", min = 0, minExclusive = true) double gamma)
            implements SchedulerConfig {
    }

    @Variant(name = "multi_step", doc = "MultiStepLR: multiply the lr by `gamma` at each milestone.")
    record MultiStep(
            @Key(doc = "Steps at which the lr decays.", min = 0, minItems = 1) List<Integer> milestones,
            @Key(doc = "Multiplicative decay.", defaultValue = "0.1", min = 0, minExclusive = true) double gamma)
            implements SchedulerConfig {
    }

    @Variant(name = "exponential", doc = "ExponentialLR: multiply the lr by `gamma` every step.")
    record Exponential(
            @Key(doc = "Multiplicative decay per step.", min = 0, minExclusive = true) double gamma) implements SchedulerConfig {
    }

    @Variant(name = "cosine", doc = "CosineAnnealingLR: half a cosine from the base lr down to `eta_min` over `t_max` steps.")
    record Cosine(
            @Key(doc = "Steps of the half cosine; unset means the rest of the run (all epochs, or all optimizer steps,"
                    + " after any earlier stage of a `sequential` schedule).", defaultValue = Key.UNSET, min = 1) Integer tMax,
            @Key(doc = "The lowest learning rate.", defaultValue = "0", min = 0) double etaMin) implements SchedulerConfig {
    }

    @Variant(name = "linear", doc = "LinearLR: scale the lr linearly from `start_factor` to `end_factor` over `total_iters` steps.")
    record Linear(
            @Key(doc = "Factor at the first step.", defaultValue = "0.3333333333333333", min = 0, minExclusive = true, max = 1)
            double startFactor,
            @Key(doc = "Factor from `total_iters` on.", defaultValue = "1.0", min = 0, max = 1) double endFactor,
            @Key(doc = "Steps of the ramp.", defaultValue = "5", min = 1) int totalIters) implements SchedulerConfig {
    }

    @Variant(name = "constant", doc = "ConstantLR: scale the lr by `factor` for `total_iters` steps, then use the base lr.")
    record Constant(
            @Key(doc = "Factor during the first `total_iters` steps.", defaultValue = "0.3333333333333333", min = 0, max = 1) double factor,
            @Key(doc = "Steps at the reduced lr.", defaultValue = "5", min = 0) int totalIters) implements SchedulerConfig {
    }

    @Variant(name = "warmup", doc = "WarmupLR: lr = base_lr * step / warmup_steps for the first `warmup_steps` steps, then the base lr.")
    record Warmup(
            @Key(doc = "Steps of the linear warmup.", min = 0) int warmupSteps) implements SchedulerConfig {
    }

    @Variant(name = "sequential", doc = "SequentialLR: run `schedulers` one after another, switching at each milestone"
            + " (warmup then cosine: `schedulers: [{type: warmup, warmup_steps: 100}, {type: cosine}]`, `milestones: [100]`).")
    record Sequential(
            @Key(doc = "The stages, in order (not `sequential` or `reduce_on_plateau`).", minItems = 2) List<SchedulerConfig> schedulers,
            @Key(doc = "Steps at which the next stage starts; one fewer than the stages, increasing.", min = 1) List<Integer> milestones)
            implements SchedulerConfig, Checked {
        @Override
        public void check(Problems problems) {
            if (milestones.size() != schedulers.size() - 1) {
                problems.add("milestones", "needs " + (schedulers.size() - 1) + " value(s), one per switch between the "
                        + schedulers.size() + " schedulers, got " + milestones.size() + ": " + milestones);
            }
            for (int i = 1; i < milestones.size(); i++) {
                if (milestones.get(i) <= milestones.get(i - 1)) {
                    problems.add("milestones", "must increase, got " + milestones);
                    break;
                }
            }
            for (int i = 0; i < schedulers.size(); i++) {
                SchedulerConfig stage = schedulers.get(i);
                if (stage instanceof Sequential || stage instanceof ReduceOnPlateau) {
                    problems.add("schedulers[" + i + "]", "a " + (stage instanceof Sequential ? "sequential" : "reduce_on_plateau")
                            + " schedule cannot be a stage of a sequential one");
                }
            }
        }
    }

    @Variant(name = "one_cycle", doc = "OneCycleLR: warm up to `max_lr`, then anneal far below the start, over `total_steps` steps.")
    record OneCycle(
            @Key(doc = "The peak learning rate.", min = 0, minExclusive = true) double maxLr,
            @Key(doc = "Steps in the cycle; unset means the whole run.", defaultValue = Key.UNSET, min = 1) Integer totalSteps,
            @Key(doc = "Fraction of the cycle spent raising the lr.", defaultValue = "0.3", min = 0, max = 1) double pctStart,
            @Key(doc = "Annealing shape.", defaultValue = "cos", allowed = {"cos", "linear"}) String annealStrategy,
            @Key(doc = "Initial lr = max_lr / div_factor.", defaultValue = "25", min = 0, minExclusive = true) double divFactor,
            @Key(doc = "Final lr = initial lr / final_div_factor.", defaultValue = "10000", min = 0, minExclusive = true)
            double finalDivFactor,
            @Key(doc = "Come back down to the initial lr before annealing to the minimum.", defaultValue = "false") boolean threePhase)
            implements SchedulerConfig {
    }

    @Variant(name = "reduce_on_plateau", doc = "ReduceLROnPlateau: multiply the lr by `factor` when `monitor` stops improving"
            + " for `patience` validations. Needs validation data.")
    record ReduceOnPlateau(
            @Key(doc = "The validation metric watched.", defaultValue = "val_loss") String monitor,
            @Key(doc = "Whether lower (`min`) or higher (`max`) is better.", defaultValue = "min", allowed = {"min", "max"}) String mode,
            @Key(doc = "Multiplicative decay.", defaultValue = "0.1", min = 0, minExclusive = true, max = 1, maxExclusive = true)
            double factor,
            @Key(doc = "Validations without improvement before the lr drops.", defaultValue = "10", min = 0) int patience,
            @Key(doc = "Least change that counts as an improvement.", defaultValue = "0.0001", min = 0) double threshold,
            @Key(doc = "Whether `threshold` is relative (`rel`) or absolute (`abs`).", defaultValue = "rel", allowed = {"rel", "abs"})
            String thresholdMode,
            @Key(doc = "Validations to wait after a drop before counting again.", defaultValue = "0", min = 0) int cooldown,
            @Key(doc = "The lowest learning rate.", defaultValue = "0", min = 0) double minLr,
            @Key(doc = "Drops smaller than this are skipped.", defaultValue = "1e-8", min = 0) double eps) implements SchedulerConfig {
    }
}
