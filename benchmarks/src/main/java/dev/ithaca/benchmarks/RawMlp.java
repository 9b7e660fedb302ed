package dev.ithaca.benchmarks;

import dev.ithaca.spi.BinaryOp;
import dev.ithaca.spi.Strided;
import dev.ithaca.spi.UnaryOp;

import java.util.List;

/**
 * A training step of an MLP (Linear, ReLU, ..., Linear) with softmax cross-entropy against class
 * indices, in raw kernels: the forward of {@code nn.Sequential} + {@code CrossEntropyLoss}, then
 * the gradients derived by hand: {@code dlogits = (softmax - onehot) / N}, and per layer dW, db and
 * (except for the first layer, whose input is data) dX, with ReLU passing dX where its output is > 0.
 */
final class RawMlp {
    private final List<RawLinear> layers;

    RawMlp(List<RawLinear> layers) {
        this.layers = List.copyOf(layers);
    }

    /** The mean loss ([1, 1]) and each layer's gradients, in layer order. */
    record Result(Strided loss, RawLinear.Grads[] grads) {
    }

    /**
     * @param x       inputs [N, in]
     * @param targets class indices, INT64 [N, 1]
     */
    Result step(RawKernels k, Strided x, Strided targets) {
        int depth = layers.size();
        long rows = x.size(0);
        Strided zero = k.full(0);
        Strided[] inputs = new Strided[depth];
        Strided h = x;
        for (int i = 0; i < depth; i++) {
            inputs[i] = h;
            Strided z = layers.get(i).forward(k, h);
            h = i + 1 < depth ? k.unary(UnaryOp.RELU, z) : z;
        }
        Strided logProbs = k.softmax(h, 1, true);
        Strided loss = k.binary(BinaryOp.MUL, k.sum(k.gather(logProbs, 1, targets), 0, 1), k.full(-1.0 / rows));

        Strided probs = k.unary(UnaryOp.EXP, logProbs);
        k.scatterAdd(probs, 1, targets, k.full(-1, rows, 1));
        Strided grad = k.binary(BinaryOp.MUL, probs, k.full(1.0 / rows));
        RawLinear.Grads[] grads = new RawLinear.Grads[depth];
        for (int i = depth - 1; i >= 0; i--) {
            if (i + 1 < depth) {
                grad = k.where(k.binary(BinaryOp.GT, inputs[i + 1], zero), grad, zero);
            }
            grads[i] = layers.get(i).backward(k, inputs[i], grad, i > 0);
            grad = grads[i].input();
        }
        return new Result(loss, grads);
    }
}
