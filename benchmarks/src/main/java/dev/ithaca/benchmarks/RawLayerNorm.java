package dev.ithaca.benchmarks;

import dev.ithaca.spi.BinaryOp;
import dev.ithaca.spi.ReduceOp;
import dev.ithaca.spi.Strided;
import dev.ithaca.spi.UnaryOp;

/**
 * Layer norm over the last dim of rows {@code x [rows, d]}, in the steps {@code nn.LayerNorm} takes
 * (mean, centre, mean of squares, + eps, rsqrt, scale, affine), and the chain rule back through
 * each of those steps written out by hand.
 */
record RawLayerNorm(Strided weight, Strided bias, double eps) {

    /** What the backward reads: the centred input, 1/sqrt(var + eps) [rows, 1], the normalized input and the output. */
    record Forward(Strided centered, Strided inverseStd, Strided normalized, Strided output) {
    }

    record Grads(Strided weight, Strided bias, Strided input) {
    }

    Forward forward(RawKernels k, Strided x) {
        Strided centered = k.binary(BinaryOp.SUB, x, k.reduce(ReduceOp.MEAN, x, 1));
        Strided variance = k.reduce(ReduceOp.MEAN, k.unary(UnaryOp.SQUARE, centered), 1);
        Strided inverseStd = k.unary(UnaryOp.RSQRT, k.binary(BinaryOp.ADD, variance, k.full(eps)));
        Strided normalized = k.binary(BinaryOp.MUL, centered, inverseStd);
        Strided output = k.binary(BinaryOp.ADD, k.binary(BinaryOp.MUL, normalized, weight), bias);
        return new Forward(centered, inverseStd, normalized, output);
    }

    Grads backward(RawKernels k, Forward f, Strided dy) {
        Strided width = k.full(f.centered().size(1));
        Strided dWeight = RawKernels.view(k.sum(k.binary(BinaryOp.MUL, dy, f.normalized()), 0), weight.shape());
        Strided dBias = RawKernels.view(k.sum(dy, 0), bias.shape());
        Strided dNormalized = k.binary(BinaryOp.MUL, dy, weight);
        // normalized = centered * inverseStd, inverseStd = (var + eps)^-1/2, var = mean(centered²)
        Strided dInverseStd = k.sum(k.binary(BinaryOp.MUL, dNormalized, f.centered()), 1);
        Strided dVariance = k.binary(BinaryOp.MUL,
                k.binary(BinaryOp.MUL, dInverseStd, k.binary(BinaryOp.POW, f.inverseStd(), k.full(3))), k.full(-0.5));
        Strided dSquares = k.binary(BinaryOp.DIV, dVariance, width);
        Strided dCentered = k.binary(BinaryOp.ADD, k.binary(BinaryOp.MUL, dNormalized, f.inverseStd()),
                k.binary(BinaryOp.MUL, k.binary(BinaryOp.MUL, f.centered(), dSquares), k.full(2)));
        // centered = x - mean(x)
        Strided dMean = k.unary(UnaryOp.NEG, k.sum(dCentered, 1));
        Strided dx = k.binary(BinaryOp.ADD, dCentered, k.binary(BinaryOp.DIV, dMean, width));
        return new Grads(dWeight, dBias, dx);
    }
}
