/**
 * In-place parameter initializers as {@code torch.nn.init}: {@link dev.ithaca.nn.init.Init} (uniform,
 * normal, constants, Xavier/Glorot and Kaiming/He), with fans ({@link dev.ithaca.nn.init.Fans}),
 * modes ({@link dev.ithaca.nn.init.FanMode}) and gains ({@link dev.ithaca.nn.init.Nonlinearity}) as
 * PyTorch computes them. Every random initializer draws from an explicit
 * {@link dev.ithaca.random.Generator}.
 */
package dev.ithaca.nn.init;
