/**
 * Optimizers with PyTorch 2.x semantics ({@code torch.optim}'s {@code _single_tensor_*} paths):
 * {@link dev.ithaca.optim.SGD}, {@link dev.ithaca.optim.Adam}, {@link dev.ithaca.optim.AdamW},
 * {@link dev.ithaca.optim.RMSprop} and {@link dev.ithaca.optim.Adagrad}, built with builders named
 * after PyTorch's arguments. Gradient clipping ({@link dev.ithaca.train.GradClipping}) and the loss
 * check ({@link dev.ithaca.train.LossChecks}) live in core, so training loops use them without
 * depending on this module; their tests run here.
 *
 * <p>{@link dev.ithaca.optim.BaseOptimizer} keeps what every optimizer shares: parameter groups
 * with per-group hyperparameters (PyTorch's names, {@code weight_decay}), lazily created
 * per-parameter state and step counts, and {@code stateDict()} / {@code loadStateDict()} in
 * PyTorch's layout. Each algorithm only turns a group's hyperparameters into one
 * {@link dev.ithaca.spi.OptimizerUpdate}, which the backend applies to a parameter in one fused pass.
 */
package dev.ithaca.optim;
