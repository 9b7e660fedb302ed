package dev.ithaca.nn.init;

/**
 * Which fan Kaiming initialization scales by: {@code FAN_IN} keeps the variance of activations in the
 * forward pass, {@code FAN_OUT} that of gradients in the backward pass.
 */
public enum FanMode {
    FAN_IN,
    FAN_OUT
}
