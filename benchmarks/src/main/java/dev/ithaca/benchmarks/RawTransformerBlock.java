package dev.ithaca.benchmarks;

import dev.ithaca.spi.BinaryOp;
import dev.ithaca.spi.Strided;
import dev.ithaca.spi.UnaryOp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Forward and backward of a pre-norm Transformer block in raw kernels, as {@code nn.TransformerBlock}
 * computes it: {@code r = x + attn(ln1(x))}, {@code y = r + fc2(gelu(fc1(ln2(r))))}, then the
 * backward from a given output gradient, the residuals adding their two paths.
 */
final class RawTransformerBlock {
    private final RawLayerNorm ln1;
    private final RawAttention attn;
    private final RawLayerNorm ln2;
    private final RawLinear fc1;
    private final RawLinear fc2;

    RawTransformerBlock(RawLayerNorm ln1, RawAttention attn, RawLayerNorm ln2, RawLinear fc1, RawLinear fc2) {
        this.ln1 = ln1;
        this.attn = attn;
        this.ln2 = ln2;
        this.fc1 = fc1;
        this.fc2 = fc2;
    }

    /** The output rows and the gradients under the block's parameter names, the input's under {@code input}. */
    record Result(Strided output, Map<String, Strided> grads) {
    }

    /** @param x input rows [batch * time, d]; @param dy gradient of the output, same shape */
    Result step(RawKernels k, Strided x, Strided dy) {
        RawLayerNorm.Forward n1 = ln1.forward(k, x);
        RawAttention.Forward a = attn.forward(k, n1.output());
        Strided residual = k.binary(BinaryOp.ADD, x, a.output());
        RawLayerNorm.Forward n2 = ln2.forward(k, residual);
        Strided hidden = fc1.forward(k, n2.output());
        Strided activated = k.unary(UnaryOp.GELU, hidden);
        Strided output = k.binary(BinaryOp.ADD, residual, fc2.forward(k, activated));

        RawLinear.Grads dFc2 = fc2.backward(k, activated, dy, true);
        Strided dHidden = k.binary(BinaryOp.MUL, dFc2.input(), k.unary(UnaryOp.GELU_GRAD, hidden));
        RawLinear.Grads dFc1 = fc1.backward(k, n2.output(), dHidden, true);
        RawLayerNorm.Grads dLn2 = ln2.backward(k, n2, dFc1.input());
        Strided dResidual = k.binary(BinaryOp.ADD, dy, dLn2.input());
        RawAttention.Grads dAttn = attn.backward(k, a, dResidual);
        RawLayerNorm.Grads dLn1 = ln1.backward(k, n1, dAttn.input());
        Strided dx = k.binary(BinaryOp.ADD, dResidual, dLn1.input());

        Map<String, Strided> grads = new LinkedHashMap<>();
        put(grads, "ln1", dLn1.weight(), dLn1.bias());
        put(grads, "attn.qkv", dAttn.qkv().weight(), dAttn.qkv().bias());
        put(grads, "attn.proj", dAttn.proj().weight(), dAttn.proj().bias());
        put(grads, "ln2", dLn2.weight(), dLn2.bias());
        put(grads, "mlp.0", dFc1.weight(), dFc1.bias());
        put(grads, "mlp.2", dFc2.weight(), dFc2.bias());
        grads.put("input", dx);
        return new Result(output, grads);
    }

    private static void put(Map<String, Strided> grads, String layer, Strided weight, Strided bias) {
        grads.put(layer + ".weight", weight);
        grads.put(layer + ".bias", bias);
    }
}
