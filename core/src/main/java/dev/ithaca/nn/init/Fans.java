package dev.ithaca.nn.init;

import dev.ithaca.tensor.Tensor;

import java.util.Arrays;

/**
 * Fan-in and fan-out of a weight, as PyTorch computes them: for a tensor of shape
 * {@code [out, in, k1, k2, ...]} the receptive field is {@code k1*k2*...}, fan-in is
 * {@code in * receptive} and fan-out {@code out * receptive}.
 */
public record Fans(long fanIn, long fanOut) {

    public static Fans of(Tensor weight) {
        return of(weight.shape());
    }

    public static Fans of(long... shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("Fans: fan in and fan out need a tensor of at least 2 dimensions, got shape "
                    + Arrays.toString(shape));
        }
        long receptive = 1;
        for (int d = 2; d < shape.length; d++) {
            receptive *= shape[d];
        }
        return new Fans(shape[1] * receptive, shape[0] * receptive);
    }

    public long fan(FanMode mode) {
        return mode == FanMode.FAN_IN ? fanIn : fanOut;
    }
}
