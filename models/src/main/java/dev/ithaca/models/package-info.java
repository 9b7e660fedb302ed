/**
 * Reference architectures built from {@code dev.ithaca.nn}, each a {@link dev.ithaca.nn.Module} that
 * any trainer drives through {@code forward}, a {@link dev.ithaca.nn.loss.Loss} and an optimizer:
 * <ul>
 *   <li>{@link dev.ithaca.models.Mlp}: a multi-layer perceptron with configurable widths, activation,
 *       dropout and bias; images are flattened from dimension 1.</li>
 *   <li>{@link dev.ithaca.models.LeNet5}: LeCun's convolutional network for 28x28 (padded) or 32x32
 *       images, with ReLU or Tanh and max or average pooling.</li>
 *   <li>{@link dev.ithaca.models.GptLanguageModel}: a GPT-2-style causal language model described by a
 *       {@link dev.ithaca.models.GptConfig}, trained with {@link dev.ithaca.models.NextTokenLoss} and
 *       sampled with {@code generate} and a {@link dev.ithaca.models.Sampling} (greedy, temperature,
 *       top-k) using a key-value cache.</li>
 * </ul>
 * Every model takes a seed or a {@link dev.ithaca.random.Generator}: the same seed gives the same
 * weights, dropout masks and samples on every backend. Parameter names are stable and documented on
 * each class, so {@code save}/{@code load} and checkpoints match them.
 */
package dev.ithaca.models;
