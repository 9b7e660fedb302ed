package dev.ithaca.benchmarks;

import dev.ithaca.spi.BinaryOp;
import dev.ithaca.spi.Strided;

/**
 * {@code y = x Wᵀ + b} on rows {@code x [rows, in]}, with weight {@code [out, in]} and bias
 * {@code [out]} read from the module's own parameters, and its backward derived by hand.
 */
record RawLinear(Strided weight, Strided bias) {

    /** Gradients of one backward; {@code input} is null when the caller did not ask for it. */
    record Grads(Strided weight, Strided bias, Strided input) {
    }

    Strided forward(RawKernels k, Strided x) {
        return k.binary(BinaryOp.ADD, k.matmul(x, RawKernels.t(weight)), bias);
    }

    /** dW = dyᵀ x and db = the column sums of dy, in the parameters' shapes; dX = dy W. */
    Grads backward(RawKernels k, Strided x, Strided dy, boolean inputGrad) {
        Strided dWeight = k.matmul(RawKernels.t(dy), x);
        Strided dBias = RawKernels.view(k.sum(dy, 0), bias.shape());
        return new Grads(dWeight, dBias, inputGrad ? k.matmul(dy, weight) : null);
    }
}
