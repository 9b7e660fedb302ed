package dev.ithaca.nn.loss;

import dev.ithaca.tensor.Tensor;

/**
 * A training objective, as PyTorch's loss modules: compares a model's output with its target.
 * Implementations are built from differentiable tensor ops, so {@code loss.backward()} works on
 * the result.
 */
@FunctionalInterface
public interface Loss {
    /**
     * The loss of {@code input} against {@code target}: a 0-dim tensor for {@link Reduction#MEAN}
     * and {@link Reduction#SUM}, one value per element or sample for {@link Reduction#NONE}.
     */
    Tensor forward(Tensor input, Tensor target);
}
