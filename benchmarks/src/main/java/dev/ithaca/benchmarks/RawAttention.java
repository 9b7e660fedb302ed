package dev.ithaca.benchmarks;

import dev.ithaca.spi.BinaryOp;
import dev.ithaca.spi.Strided;

/**
 * Causal multi-head self-attention over rows {@code x [batch * time, d]}, as
 * {@code nn.CausalSelfAttention} computes it: one projection to q, k and v, per head
 * {@code softmax(mask(q kᵀ · scale)) v}, the heads merged and projected back; and its backward
 * written out by hand, with dq, dk and dv written straight into one gradient of the projection.
 */
final class RawAttention {
    private final RawLinear qkv;
    private final RawLinear proj;
    private final long batch;
    private final long time;
    private final long heads;
    private final long width;
    private final Strided causalMask;

    /** @param causalMask BOOL [time, time], true where key position <= query position */
    RawAttention(RawLinear qkv, RawLinear proj, long batch, long time, long heads, Strided causalMask) {
        this.qkv = qkv;
        this.proj = proj;
        this.batch = batch;
        this.time = time;
        this.heads = heads;
        this.width = proj.weight().size(0);
        this.causalMask = causalMask;
    }

    /** What the backward reads. */
    record Forward(Strided input, Strided projected, Strided probabilities, Strided merged, Strided output) {
    }

    record Grads(RawLinear.Grads qkv, RawLinear.Grads proj) {
        Strided input() {
            return qkv.input();
        }
    }

    Forward forward(RawKernels k, Strided x) {
        Strided projected = RawKernels.view(qkv.forward(k, x), batch, time, 3 * width);
        Strided scores = k.binary(BinaryOp.MUL, k.matmul(part(projected, 0), RawKernels.t(part(projected, 1))), k.full(scale()));
        Strided probabilities = k.softmax(k.where(causalMask, scores, k.full(Double.NEGATIVE_INFINITY)), 3, false);
        Strided perHead = k.matmul(probabilities, part(projected, 2));
        Strided merged = RawKernels.view(k.contiguous(RawKernels.transpose(perHead, 1, 2)), batch * time, width);
        return new Forward(x, projected, probabilities, merged, proj.forward(k, merged));
    }

    Grads backward(RawKernels k, Forward f, Strided dy) {
        RawLinear.Grads dProj = proj.backward(k, f.merged(), dy, true);
        Strided dPerHead = RawKernels.transpose(RawKernels.view(dProj.input(), batch, time, heads, width / heads), 1, 2);
        Strided q = part(f.projected(), 0);
        Strided key = part(f.projected(), 1);
        Strided p = f.probabilities();
        Strided dProbabilities = k.matmul(dPerHead, RawKernels.t(part(f.projected(), 2)));
        Strided dValues = k.matmul(RawKernels.t(p), dPerHead);
        // softmax: dx = p (dp - Σ dp·p); the mask passes gradient only where the score was kept
        Strided dMasked = k.binary(BinaryOp.MUL, p,
                k.binary(BinaryOp.SUB, dProbabilities, k.sum(k.binary(BinaryOp.MUL, dProbabilities, p), 3)));
        Strided dScores = k.binary(BinaryOp.MUL, k.where(causalMask, dMasked, k.full(0)), k.full(scale()));
        Strided dProjected = k.empty(batch, time, 3 * width);
        k.copyInto(k.matmul(dScores, key), part(dProjected, 0));
        k.copyInto(k.matmul(RawKernels.t(dScores), q), part(dProjected, 1));
        k.copyInto(dValues, part(dProjected, 2));
        RawLinear.Grads dQkv = qkv.backward(k, f.input(), RawKernels.view(dProjected, batch * time, 3 * width), true);
        return new Grads(dQkv, dProj);
    }

    private double scale() {
        return 1 / Math.sqrt((double) width / heads);
    }

    /** Part {@code which} (0 = q, 1 = k, 2 = v) of {@code [batch, time, 3d]} as a {@code [batch, heads, time, d/heads]} view. */
    private Strided part(Strided projected, int which) {
        Strided slice = RawKernels.narrow(projected, 2, which * width, width);
        return RawKernels.transpose(RawKernels.splitLast(slice, heads, width / heads), 1, 2);
    }
}
