package dev.ithaca.backend.cpu;

import dev.ithaca.spi.BinaryOp;
import dev.ithaca.spi.Strided;
import dev.ithaca.spi.UnaryOp;
import dev.ithaca.tensor.DType;

import static dev.ithaca.backend.cpu.NativeMemory.U;

/** fill, copy/cast, unary, clamp, binary and where over strided operands. */
final class ElementwiseKernels {
    private final Parallel parallel;

    ElementwiseKernels(Parallel parallel) {
        this.parallel = parallel;
    }

    void fill(Strided out, double value) {
        DType t = out.dtype();
        // the memset path writes +0.0, so -0.0 takes the typed loop
        if (Double.doubleToRawLongBits(value) == 0 && out.isContiguous()) {
            long base = address(out);
            long bytes = out.numel() * t.byteSize();
            parallel.forRange(bytes, StridedLoop.GRAIN * 4, (s, e) -> U.setMemory(base + s, e - s, (byte) 0));
            return;
        }
        long asLong = (long) value;
        StridedLoop.of(out).run(parallel, (addr, st, n) -> {
            long o = addr[0];
            long so = st[0];
            switch (t) {
                case FLOAT32 -> {
                    float v = (float) value;
                    for (long i = 0; i < n; i++) {
                        U.putFloat(o + i * so, v);
                    }
                }
                case FLOAT64 -> {
                    for (long i = 0; i < n; i++) {
                        U.putDouble(o + i * so, value);
                    }
                }
                default -> {
                    for (long i = 0; i < n; i++) {
                        NativeMemory.putLong(t, o + i * so, t == DType.BOOL ? (value != 0 ? 1 : 0) : asLong);
                    }
                }
            }
        });
    }

    void copy(Strided src, Strided dst) {
        DType from = src.dtype();
        DType to = dst.dtype();
        if (from == to && src.isContiguous() && dst.isContiguous()) {
            long s = address(src);
            long d = address(dst);
            long bytes = src.numel() * from.byteSize();
            parallel.forRange(bytes, StridedLoop.GRAIN * 4, (a, b) -> U.copyMemory(s + a, d + a, b - a));
            return;
        }
        boolean exactIntegers = !from.isFloatingPoint() && !to.isFloatingPoint();
        int size = from.byteSize();
        StridedLoop.of(dst, src).run(parallel, (addr, st, n) -> {
            long o = addr[0];
            long x = addr[1];
            long so = st[0];
            long sx = st[1];
            if (from == to) {
                for (long i = 0; i < n; i++) {
                    NativeMemory.copyElement(x + i * sx, o + i * so, size);
                }
            } else if (exactIntegers) {
                for (long i = 0; i < n; i++) {
                    NativeMemory.putLong(to, o + i * so, NativeMemory.getLong(from, x + i * sx));
                }
            } else {
                for (long i = 0; i < n; i++) {
                    NativeMemory.put(to, o + i * so, NativeMemory.get(from, x + i * sx));
                }
            }
        });
    }

    void unary(UnaryOp op, Strided x, Strided out) {
        DType t = out.dtype();
        StridedLoop.of(out, x).run(parallel, grainFor(op), (addr, st, n) -> {
            long o = addr[0];
            long a = addr[1];
            long so = st[0];
            long sa = st[1];
            if (t == DType.FLOAT32 && Float32Loops.hasUnary(op)) {
                Float32Loops.unary(op, o, a, so, sa, n);
            } else if (t.isFloatingPoint()) {
                for (long i = 0; i < n; i++) {
                    NativeMemory.put(t, o + i * so, ScalarMath.unary(op, NativeMemory.get(t, a + i * sa)));
                }
            } else {
                for (long i = 0; i < n; i++) {
                    NativeMemory.putLong(t, o + i * so, ScalarMath.unaryLong(op, NativeMemory.getLong(t, a + i * sa)));
                }
            }
        });
    }

    void clamp(Strided x, double min, double max, Strided out) {
        DType t = out.dtype();
        StridedLoop.of(out, x).run(parallel, (addr, st, n) -> {
            long o = addr[0];
            long a = addr[1];
            if (t.isFloatingPoint()) {
                for (long i = 0; i < n; i++) {
                    double v = NativeMemory.get(t, a + i * st[1]);
                    NativeMemory.put(t, o + i * st[0], v < min ? min : (v > max ? max : v));
                }
            } else {
                long lo = min == Double.NEGATIVE_INFINITY ? Long.MIN_VALUE : (long) Math.ceil(min);
                long hi = max == Double.POSITIVE_INFINITY ? Long.MAX_VALUE : (long) Math.floor(max);
                for (long i = 0; i < n; i++) {
                    long v = NativeMemory.getLong(t, a + i * st[1]);
                    NativeMemory.putLong(t, o + i * st[0], Math.min(Math.max(v, lo), hi));
                }
            }
        });
    }

    void binary(BinaryOp op, Strided a, Strided b, Strided out) {
        DType in = a.dtype();
        DType result = out.dtype();
        StridedLoop.of(out, a, b).run(parallel, (addr, st, n) -> {
            long o = addr[0];
            long pa = addr[1];
            long pb = addr[2];
            long so = st[0];
            long sa = st[1];
            long sb = st[2];
            if (in == DType.FLOAT32 && Float32Loops.hasBinary(op)) {
                Float32Loops.binary(op, o, pa, pb, so, sa, sb, n);
            } else if (in.isFloatingPoint()) {
                for (long i = 0; i < n; i++) {
                    double v = ScalarMath.binary(op, NativeMemory.get(in, pa + i * sa), NativeMemory.get(in, pb + i * sb));
                    NativeMemory.put(result, o + i * so, v);
                }
            } else {
                for (long i = 0; i < n; i++) {
                    long v = ScalarMath.binaryLong(op, NativeMemory.getLong(in, pa + i * sa), NativeMemory.getLong(in, pb + i * sb));
                    NativeMemory.putLong(result, o + i * so, v);
                }
            }
        });
    }

    void where(Strided cond, Strided a, Strided b, Strided out) {
        int size = out.dtype().byteSize();
        StridedLoop.of(out, cond, a, b).run(parallel, (addr, st, n) -> {
            for (long i = 0; i < n; i++) {
                long from = U.getByte(addr[1] + i * st[1]) != 0 ? addr[2] + i * st[2] : addr[3] + i * st[3];
                NativeMemory.copyElement(from, addr[0] + i * st[0], size);
            }
        });
    }

    /**
     * Transcendental functions cost 10-20 ns per element against ~1 ns for a memory-bound add, so
     * they are worth splitting across threads at much smaller sizes.
     */
    private static long grainFor(UnaryOp op) {
        return switch (op) {
            case NEG, ABS, RELU, SIGN, SQUARE, RECIPROCAL -> StridedLoop.GRAIN;
            default -> StridedLoop.GRAIN / 16;
        };
    }

    static long address(Strided s) {
        return ((CpuStorage) s.storage()).address() + s.offset() * s.dtype().byteSize();
    }
}
