package dev.ithaca.tensor;

import dev.ithaca.spi.ReduceOp;

/** Backward of the reductions; {@code out} has the input's rank with size 1 on the reduced dims. */
final class ReductionGrads {
    private ReductionGrads() {
    }

    static Tensor reduce(ReduceOp op, Tensor x, int[] dims, Tensor out) {
        long[] shape = x.shape();
        Tensor[] in = {x};
        return switch (op) {
            case SUM -> History.record(out, "SumBackward", in, (g, s, n) -> new Tensor[] {g.expand(shape)});
            case MEAN -> {
                long count = out.numel() == 0 ? 0 : x.numel() / out.numel();
                yield History.record(out, "MeanBackward", in, (g, s, n) -> new Tensor[] {g.expand(shape).div(count)});
            }
            case MAX, MIN -> History.record(out, op == ReduceOp.MAX ? "AmaxBackward" : "AminBackward", in,
                    new Tensor[] {x, out}, (g, s, n) -> {
                        // ties share the gradient evenly (amax/amin semantics)
                        Tensor mask = s[0].eq(s[1]).to(g.dtype());
                        return new Tensor[] {g.mul(mask).div(mask.sum(dims, true))};
                    });
            case PROD -> History.record(out, "ProdBackward", in, new Tensor[] {x, out}, (g, s, n) -> {
                Tensor xs = s[0];
                Tensor isZero = xs.eq(0);
                Tensor zeros = isZero.to(g.dtype()).sum(dims, true);
                // no zero in the slice: out / x; exactly one: the product of the others at the zero; more: 0
                Tensor withoutZeros = Tensor.where(isZero, ElementwiseGrads.zeroLike(g).add(1), xs).prod(dims, true);
                Tensor noZero = g.mul(s[1]).div(Tensor.where(isZero, ElementwiseGrads.zeroLike(g).add(1), xs));
                Tensor oneZero = Tensor.where(isZero, g.mul(withoutZeros).expand(shape), ElementwiseGrads.zeroLike(g));
                Tensor grad = Tensor.where(zeros.eq(0), noZero, Tensor.where(zeros.eq(1), oneZero, ElementwiseGrads.zeroLike(g)));
                return new Tensor[] {grad};
            });
        };
    }

    static Tensor variance(Tensor x, int[] dims, double correction, Tensor out) {
        long count = out.numel() == 0 ? 0 : x.numel() / out.numel();
        return History.record(out, "VarBackward", new Tensor[] {x}, new Tensor[] {x}, (g, s, n) -> {
            Tensor centered = s[0].sub(s[0].mean(dims, true));
            return new Tensor[] {g.mul(centered).mul(2 / Math.max(0, count - correction))};
        });
    }
}
