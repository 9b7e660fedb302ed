/**
 * Neural-network layers with PyTorch's semantics, names and default initialization.
 *
 * <h2>Modules</h2>
 * Every layer is a {@link dev.ithaca.nn.Module}: parameters, buffers and child modules registered
 * by name, so {@code namedParameters()} and {@code stateDict()} give stable dotted names
 * ({@code blocks.1.attn.qkv.bias}) that checkpoints ({@code save}/{@code load}, safetensors) and
 * {@code loadStateDict} match on. Layers: {@link dev.ithaca.nn.Linear}, {@link dev.ithaca.nn.Conv2d},
 * {@link dev.ithaca.nn.MaxPool2d}, {@link dev.ithaca.nn.AvgPool2d}, {@link dev.ithaca.nn.AdaptiveAvgPool2d},
 * {@link dev.ithaca.nn.Flatten}, {@link dev.ithaca.nn.Dropout}, {@link dev.ithaca.nn.LayerNorm},
 * {@link dev.ithaca.nn.BatchNorm1d}, {@link dev.ithaca.nn.BatchNorm2d}, {@link dev.ithaca.nn.Embedding},
 * the activations ({@link dev.ithaca.nn.ReLU}, {@link dev.ithaca.nn.GELU}, {@link dev.ithaca.nn.Tanh},
 * {@link dev.ithaca.nn.Sigmoid}, {@link dev.ithaca.nn.SiLU}, {@link dev.ithaca.nn.Softmax}),
 * {@link dev.ithaca.nn.Sequential}, {@link dev.ithaca.nn.CausalSelfAttention} and
 * {@link dev.ithaca.nn.TransformerBlock}. Losses live in {@code dev.ithaca.nn.loss}, initializers in
 * {@link dev.ithaca.nn.init}.
 *
 * <h2>Reproducibility and dtype</h2>
 * Layers with weights take a {@link dev.ithaca.random.Generator}: the same seed gives the same
 * weights (and dropout masks) on every backend. Built without one they draw an unpredictable seed,
 * as PyTorch does without {@code manual_seed}. Parameters start as FLOAT32; {@code module.to(DType.FLOAT64)}
 * converts a whole model (gradient checks use that).
 *
 * <h2>Memory</h2>
 * A module owns its parameters and buffers: they belong to no scope and are freed by
 * {@code close()}. A forward pass closes the handles it creates itself; its results and what
 * autograd saved for backward belong to the caller's scope, as any op's result does.
 */
package dev.ithaca.nn;
