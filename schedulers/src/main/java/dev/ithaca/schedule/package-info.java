/**
 * Learning-rate schedulers with PyTorch 2.x semantics ({@code torch.optim.lr_scheduler}).
 *
 * <h2>Stepping</h2>
 * Constructing a scheduler records each parameter group's base lr and applies epoch 0
 * ({@code last_epoch} goes from -1 to 0); each {@code step()} advances one epoch, or one batch when a
 * trainer steps per batch (OneCycleLR is meant for that). {@code lastLrs()} reads the learning
 * rates the last step left. {@link dev.ithaca.schedule.ReduceLROnPlateau} is stepped with the
 * monitored value, {@code step(valLoss)}.
 *
 * <h2>Chaining</h2>
 * StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR, LinearLR and ConstantLR use PyTorch's
 * chainable (recursive) form: a step scales the optimizer's current lr, so several schedulers
 * stepping one optimizer multiply their effects, exactly as in PyTorch. WarmupLR and OneCycleLR set
 * the lr outright, as PyTorch's LambdaLR and OneCycleLR do. Every epoch-indexed scheduler also has
 * its closed form ({@code closedFormLrs(epoch)}), which the recursive form agrees with to rounding.
 * {@link dev.ithaca.schedule.SequentialLR} runs schedulers one after another at milestones.
 *
 * <h2>Where this differs from PyTorch</h2>
 * <ul>
 *   <li>PyTorch keeps the first scheduler's base lr in each param group ({@code initial_lr}) and every
 *       later scheduler on that optimizer reads it there. The {@code Optimizer} contract has no such
 *       slot, so a chained scheduler takes the lr it finds at construction. This only shows where a
 *       base lr enters a chainable formula (CosineAnnealingLR right after each minimum) or in
 *       {@code closedFormLrs}; SequentialLR shares its first child's base lrs with all children, as
 *       PyTorch does.</li>
 *   <li>OneCycleLR does not cycle momentum: the {@code Optimizer} contract has no momentum accessor.</li>
 *   <li>Degenerate settings on which PyTorch divides by zero are refused with a message instead:
 *       ConstantLR factor 0, zero totalIters or stepSize, a OneCycleLR phase of zero width.
 *       MultiStepLR and SequentialLR milestones must be strictly increasing, and SequentialLR does not
 *       nest.</li>
 *   <li>A refused step (OneCycleLR past totalSteps) leaves the scheduler unchanged rather than counting
 *       the failed epoch.</li>
 * </ul>
 *
 * <h2>State</h2>
 * {@code stateDict()} is plain data (numbers, strings, lists, maps) under PyTorch's attribute names:
 * {@code last_epoch}, {@code base_lrs}, {@code last_lr}, the scheduler's settings, its own counters
 * (ReduceLROnPlateau's {@code best}, {@code num_bad_epochs}, {@code cooldown_counter}) and
 * SequentialLR's children under {@code schedulers}. Loading it into a scheduler built with the same
 * settings, on an optimizer whose own state (its current learning rates) is restored too, continues
 * the run exactly; loading it into one built with other settings is refused.
 */
package dev.ithaca.schedule;
