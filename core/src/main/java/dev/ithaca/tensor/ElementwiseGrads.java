package dev.ithaca.tensor;

import dev.ithaca.spi.BinaryOp;
import dev.ithaca.spi.UnaryOp;

import java.util.Locale;

/** Backward formulas of the elementwise ops (PyTorch's derivatives.yaml), recorded through {@link History}. */
final class ElementwiseGrads {
    private ElementwiseGrads() {
    }

    static String nodeName(Enum<?> op) {
        String lower = op.name().toLowerCase(Locale.ROOT).replace("_", "");
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1) + "Backward";
    }

    static Tensor unary(UnaryOp op, Tensor x, Tensor out) {
        Tensor[] in = {x};
        return switch (op) {
            case NEG -> History.record(out, nodeName(op), in, (g, s, n) -> new Tensor[] {g.neg()});
            case ABS -> History.record(out, nodeName(op), in, in, (g, s, n) -> new Tensor[] {g.mul(s[0].sign())});
            case EXP -> History.record(out, nodeName(op), in, new Tensor[] {out}, (g, s, n) -> new Tensor[] {g.mul(s[0])});
            case LOG -> History.record(out, nodeName(op), in, in, (g, s, n) -> new Tensor[] {g.div(s[0])});
            case SQRT -> History.record(out, nodeName(op), in, new Tensor[] {out},
                    (g, s, n) -> new Tensor[] {g.div(s[0].mul(2))});
            case RSQRT -> History.record(out, nodeName(op), in, new Tensor[] {out},
                    (g, s, n) -> new Tensor[] {g.mul(s[0].pow(3)).mul(-0.5)});
            case TANH -> History.record(out, nodeName(op), in, new Tensor[] {out},
                    (g, s, n) -> new Tensor[] {g.mul(s[0].square().neg().add(1))});
            case SIGMOID -> History.record(out, nodeName(op), in, new Tensor[] {out},
                    (g, s, n) -> new Tensor[] {g.mul(s[0].mul(s[0].neg().add(1)))});
            // a select rather than a multiply by the mask cast to floats: two kernels instead of three
            case RELU -> History.record(out, nodeName(op), in, new Tensor[] {out},
                    (g, s, n) -> new Tensor[] {Tensor.where(s[0].gt(0), g, zeroLike(g))});
            case GELU -> History.record(out, nodeName(op), in, in,
                    (g, s, n) -> new Tensor[] {g.mul(ElementwiseOps.unary(UnaryOp.GELU_GRAD, s[0]))});
            case GELU_TANH -> History.record(out, nodeName(op), in, in,
                    (g, s, n) -> new Tensor[] {g.mul(ElementwiseOps.unary(UnaryOp.GELU_TANH_GRAD, s[0]))});
            case SILU -> History.record(out, nodeName(op), in, in, (g, s, n) -> {
                Tensor sig = s[0].sigmoid();
                return new Tensor[] {g.mul(sig.mul(s[0].mul(sig.neg().add(1)).add(1)))};
            });
            case RECIPROCAL -> History.record(out, nodeName(op), in, new Tensor[] {out},
                    (g, s, n) -> new Tensor[] {g.mul(s[0].square()).neg()});
            case SQUARE -> History.record(out, nodeName(op), in, in, (g, s, n) -> new Tensor[] {g.mul(s[0]).mul(2)});
            case SIGN, GELU_GRAD, GELU_TANH_GRAD -> History.record(out, nodeName(op), in, (g, s, n) -> new Tensor[] {Tensor.zerosLike(g)});
        };
    }

    /** a and b are the operands already expanded to the output shape; expand's own backward reduces them. */
    static Tensor binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        Tensor[] in = {a, b};
        String name = nodeName(op);
        return switch (op) {
            case ADD -> History.record(out, name, in, (g, s, n) -> new Tensor[] {g, g});
            case SUB -> History.record(out, name, in, (g, s, n) -> new Tensor[] {g, n[1] ? g.neg() : null});
            case MUL -> History.record(out, name, in, in,
                    (g, s, n) -> new Tensor[] {n[0] ? g.mul(s[1]) : null, n[1] ? g.mul(s[0]) : null});
            case DIV -> History.record(out, name, in, new Tensor[] {b, out},
                    (g, s, n) -> new Tensor[] {n[0] ? g.div(s[0]) : null, n[1] ? g.mul(s[1]).div(s[0]).neg() : null});
            case POW -> History.record(out, name, in, new Tensor[] {a, b, out}, (g, s, n) -> new Tensor[] {
                    n[0] ? g.mul(s[1]).mul(s[0].pow(s[1].sub(1))) : null,
                    // d/db a^b = a^b log a, taken as 0 where a <= 0 (PyTorch masks a == 0 the same way)
                    n[1] ? Tensor.where(s[0].gt(0), g.mul(s[2]).mul(s[0].log()), zeroLike(g)) : null});
            case MAXIMUM, MINIMUM -> History.record(out, name, in, in, (g, s, n) -> {
                // the winner takes the gradient; ties split it evenly, as PyTorch does
                Tensor aWins = (op == BinaryOp.MAXIMUM ? s[0].gt(s[1]) : s[0].lt(s[1])).to(g.dtype());
                Tensor tie = s[0].eq(s[1]).to(g.dtype()).mul(0.5);
                Tensor aShare = aWins.add(tie);
                return new Tensor[] {g.mul(aShare), g.mul(aShare.neg().add(1))};
            });
            default -> out;
        };
    }

    static Tensor clamp(Tensor x, double min, double max, Tensor out) {
        return History.record(out, "ClampBackward", new Tensor[] {x}, new Tensor[] {x}, (g, s, n) -> {
            Tensor inside = s[0].ge(min).to(g.dtype()).mul(s[0].le(max).to(g.dtype()));
            return new Tensor[] {g.mul(inside)};
        });
    }

    static Tensor where(Tensor cond, Tensor a, Tensor b, Tensor out) {
        return History.record(out, "WhereBackward", new Tensor[] {a, b}, new Tensor[] {cond}, (g, s, n) -> new Tensor[] {
                n[0] ? Tensor.where(s[0], g, zeroLike(g)) : null,
                n[1] ? Tensor.where(s[0], zeroLike(g), g) : null});
    }

    static Tensor cast(Tensor x, Tensor out) {
        DType original = x.dtype();
        return History.record(out, "ToCopyBackward", new Tensor[] {x}, (g, s, n) -> new Tensor[] {g.to(original)});
    }

    /** A 0-dim zero of g's dtype on g's backend, broadcast by the caller. */
    static Tensor zeroLike(Tensor g) {
        return TensorCreation.full(g.backend(), g.dtype(), 0, new long[0]);
    }
}
