package dev.ithaca.tensor;

import dev.ithaca.spi.Backend;
import dev.ithaca.spi.BinaryOp;
import dev.ithaca.spi.UnaryOp;

import java.util.Arrays;

/** Elementwise ops: type promotion and broadcasting here, the arithmetic in the backend. */
final class ElementwiseOps {
    private ElementwiseOps() {
    }

    static Tensor unary(UnaryOp op, Tensor x) {
        String name = op.name().toLowerCase(java.util.Locale.ROOT);
        x.checkAlive(name);
        if (x.dtype() == DType.BOOL && !op.needsFloatingPoint()) {
            throw new IllegalArgumentException(name + ": not defined for BOOL tensors; convert with .to(DType.INT64) first");
        }
        DType dtype = op.needsFloatingPoint() && !x.dtype().isFloatingPoint() ? DType.FLOAT32 : x.dtype();
        try (Operands operands = new Operands()) {
            Tensor input = operands.as(x, dtype);
            Tensor out = Tensor.empty(x.backend(), dtype, x.shape());
            x.backend().unary(op, input.strided(), out.strided());
            return ElementwiseGrads.unary(op, input, out);
        }
    }

    static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        String name = op.name().toLowerCase(java.util.Locale.ROOT);
        OpChecks.sameBackend(name, a, b);
        DType common = computeType(op, resultType(a, b));
        return apply(op, name, a, b, common);
    }

    /**
     * PyTorch's result type of two tensor operands: next to a dimensioned tensor, a 0-dim one only
     * raises the type when it is of a higher category (bool < integer < floating point), just as a
     * Java scalar does; {@code float32 * scalar(0.5, FLOAT64)} stays FLOAT32.
     */
    private static DType resultType(Tensor a, Tensor b) {
        boolean zeroDimA = a.dim() == 0;
        if (zeroDimA == (b.dim() == 0)) {
            return DType.promote(a.dtype(), b.dtype());
        }
        DType dimensioned = zeroDimA ? b.dtype() : a.dtype();
        DType zeroDim = zeroDimA ? a.dtype() : b.dtype();
        return category(zeroDim) > category(dimensioned) ? DType.promote(dimensioned, zeroDim) : dimensioned;
    }

    private static int category(DType dtype) {
        return dtype.isFloatingPoint() ? 2 : dtype.isIntegral() ? 1 : 0;
    }

    static Tensor binary(BinaryOp op, Tensor a, double scalar) {
        String name = op.name().toLowerCase(java.util.Locale.ROOT);
        a.checkAlive(name);
        DType common = computeType(op, a.dtype().promoteWithScalar(scalar));
        try (Tensor s = TensorCreation.full(a.backend(), common, scalar, new long[0])) {
            return apply(op, name, a, s, common);
        }
    }

    /** Integer inputs are divided in floating point (true division), as in PyTorch. */
    private static DType computeType(BinaryOp op, DType promoted) {
        if (op == BinaryOp.DIV && !promoted.isFloatingPoint()) {
            return DType.FLOAT32;
        }
        if (promoted == DType.BOOL) {
            // PyTorch: add/mul/max/min of bools are logical or/and; sub is refused; others count as integers
            return switch (op) {
                case ADD, MUL, MAXIMUM, MINIMUM, EQ, NE, LT, LE, GT, GE -> DType.BOOL;
                case SUB -> throw new IllegalArgumentException("sub: subtracting two BOOL tensors is not supported;"
                        + " use logical ops (x.ne(y)) or convert with .to(DType.INT64)");
                default -> DType.INT64;
            };
        }
        return promoted;
    }

    private static Tensor apply(BinaryOp op, String name, Tensor a, Tensor b, DType common) {
        long[] shape = Shapes.broadcast(name, a.shape(), b.shape());
        try (Operands operands = new Operands()) {
            Tensor ea = operands.as(a, common, shape);
            Tensor eb = operands.as(b, common, shape);
            Tensor out = Tensor.empty(a.backend(), op.isComparison() ? DType.BOOL : common, shape);
            a.backend().binary(op, ea.strided(), eb.strided(), out.strided());
            return ElementwiseGrads.binary(op, ea, eb, out);
        }
    }

    static Tensor clamp(Tensor x, double min, double max) {
        x.checkAlive("clamp");
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException("clamp: needs min <= max (use infinities for no bound), got min=" + min + ", max=" + max);
        }
        if (x.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("clamp: not defined for BOOL tensors");
        }
        DType dtype = x.dtype().promoteWithScalar(min == Double.NEGATIVE_INFINITY ? 0 : min);
        dtype = DType.promote(dtype, x.dtype().promoteWithScalar(max == Double.POSITIVE_INFINITY ? 0 : max));
        try (Operands operands = new Operands()) {
            Tensor input = operands.as(x, dtype);
            Tensor out = Tensor.empty(x.backend(), dtype, x.shape());
            x.backend().clamp(input.strided(), min, max, out.strided());
            return ElementwiseGrads.clamp(input, min, max, out);
        }
    }

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        OpChecks.sameBackend("where", cond, a, b);
        if (cond.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("where: condition must be BOOL, got " + cond.dtype()
                    + "; build it with a comparison such as x.gt(0)");
        }
        long[] shape = Shapes.broadcast("where", Shapes.broadcast("where", cond.shape(), a.shape()), b.shape());
        DType common = resultType(a, b);
        try (Operands operands = new Operands()) {
            Tensor ec = operands.as(cond, DType.BOOL, shape);
            Tensor ea = operands.as(a, common, shape);
            Tensor eb = operands.as(b, common, shape);
            Tensor out = Tensor.empty(a.backend(), common, shape);
            a.backend().where(ec.strided(), ea.strided(), eb.strided(), out.strided());
            return ElementwiseGrads.where(ec, ea, eb, out);
        }
    }

    /** A contiguous copy in {@code target}; when {@code alwaysCopy} is false and nothing changes, a new handle instead. */
    static Tensor cast(Tensor x, DType target, boolean alwaysCopy) {
        x.checkAlive("to");
        if (!alwaysCopy && x.dtype() == target) {
            return x.alias();
        }
        Backend backend = x.backend();
        Tensor out = Tensor.empty(backend, target, x.shape());
        backend.copy(x.strided(), out.strided());
        return ElementwiseGrads.cast(x, out);
    }

    static void copyInto(Tensor src, Tensor dst) {
        OpChecks.sameBackend("copyFrom", dst, src);
        dst.checkInPlace("copyFrom");
        long[] shape = dst.shape();
        long[] broadcast = Shapes.broadcast("copyFrom", shape, src.shape());
        if (!Arrays.equals(broadcast, shape)) {
            throw new IllegalArgumentException("copyFrom: source shape " + Arrays.toString(src.shape())
                    + " does not broadcast to destination shape " + Arrays.toString(shape));
        }
        try (Tensor expanded = src.expand(shape)) {
            dst.backend().copy(expanded.strided(), dst.strided());
        }
        dst.markWritten();
    }
}
