/**
 * Training loops over core's contracts: {@link dev.ithaca.loops.Trainer} (built with
 * {@code Trainer.builder()}) fits any model with any optimizer, scheduler, loss, metrics and
 * callbacks, and evaluates with {@code validate}, {@code test} and {@code predict}. It composes a
 * {@code TrainingLoop} (the batches of an epoch, one memory scope per step, gradient accumulation
 * and clipping) and a {@link dev.ithaca.loops.ValidationLoop} (no-grad, eval-mode evaluation), keeps
 * a {@link dev.ithaca.loops.History} of per-epoch values, and resumes a run exactly from a
 * {@link dev.ithaca.io.TrainingCheckpoint} with {@link dev.ithaca.loops.Resume}.
 */
package dev.ithaca.loops;
