package dev.ithaca.backend.cpu;

import dev.ithaca.spi.BinaryOp;
import dev.ithaca.spi.UnaryOp;

import static dev.ithaca.backend.cpu.NativeMemory.U;

/**
 * Dedicated FLOAT32 row loops for the ops training spends its time in. Each op gets its own loop
 * (the switch sits outside it) so the JIT compiles a tight, branch-free body per op; a shared loop
 * calling a function object would go megamorphic and stop inlining.
 */
final class Float32Loops {
    private Float32Loops() {
    }

    /** True when {@link #binary} has a dedicated loop for the op. */
    static boolean hasBinary(BinaryOp op) {
        return switch (op) {
            case ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM -> true;
            default -> false;
        };
    }

    /** Longest run one int-indexed contiguous loop takes (int counters let C2 unroll and vectorize). */
    private static final int MAX_RUN = 1 << 28;
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    /**
     * tanh through the intrinsic {@code Math.exp} (JDK 17's {@code Math.tanh} is not intrinsic and
     * costs ~40 ns). Accurate far beyond float precision: below |x| = 1e-4 tanh(x) = x to within
     * x³/3, and above it the cancellation in e - 1 costs at most ~1e-12 relative.
     */
    static double tanh(double x) {
        double ax = Math.abs(x);
        if (ax < 1e-4) {
            return x;
        }
        if (ax > 20) {
            return Math.signum(x);
        }
        double e = Math.exp(2 * x);
        return (e - 1) / (e + 1);
    }

    static void binary(BinaryOp op, long o, long a, long b, long so, long sa, long sb, long n) {
        if (so == Float.BYTES && sa == Float.BYTES && sb == Float.BYTES) {
            for (long done = 0; done < n; done += MAX_RUN) {
                long offset = done * Float.BYTES;
                contiguousBinary(op, o + offset, a + offset, b + offset, (int) Math.min(MAX_RUN, n - done));
            }
            return;
        }
        switch (op) {
            case ADD -> {
                for (long i = 0; i < n; i++) {
                    U.putFloat(o + i * so, U.getFloat(a + i * sa) + U.getFloat(b + i * sb));
                }
            }
            case SUB -> {
                for (long i = 0; i < n; i++) {
                    U.putFloat(o + i * so, U.getFloat(a + i * sa) - U.getFloat(b + i * sb));
                }
            }
            case MUL -> {
                for (long i = 0; i < n; i++) {
                    U.putFloat(o + i * so, U.getFloat(a + i * sa) * U.getFloat(b + i * sb));
                }
            }
            case DIV -> {
                for (long i = 0; i < n; i++) {
                    U.putFloat(o + i * so, U.getFloat(a + i * sa) / U.getFloat(b + i * sb));
                }
            }
            case MAXIMUM -> {
                for (long i = 0; i < n; i++) {
                    float x = U.getFloat(a + i * sa);
                    float y = U.getFloat(b + i * sb);
                    U.putFloat(o + i * so, x != x || y != y ? Float.NaN : Math.max(x, y));
                }
            }
            case MINIMUM -> {
                for (long i = 0; i < n; i++) {
                    float x = U.getFloat(a + i * sa);
                    float y = U.getFloat(b + i * sb);
                    U.putFloat(o + i * so, x != x || y != y ? Float.NaN : Math.min(x, y));
                }
            }
            default -> throw new IllegalArgumentException("no FLOAT32 loop for " + op);
        }
    }

    /**
     * Unit-stride rows, the common case: constant offsets and an int counter make these loops about
     * 2.5x faster than the strided ones above (measured on 16M floats), enough to reach memory bandwidth.
     */
    private static void contiguousBinary(BinaryOp op, long o, long a, long b, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    long k = (long) i * Float.BYTES;
                    U.putFloat(o + k, U.getFloat(a + k) + U.getFloat(b + k));
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    long k = (long) i * Float.BYTES;
                    U.putFloat(o + k, U.getFloat(a + k) - U.getFloat(b + k));
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    long k = (long) i * Float.BYTES;
                    U.putFloat(o + k, U.getFloat(a + k) * U.getFloat(b + k));
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    long k = (long) i * Float.BYTES;
                    U.putFloat(o + k, U.getFloat(a + k) / U.getFloat(b + k));
                }
            }
            case MAXIMUM -> {
                for (int i = 0; i < n; i++) {
                    long k = (long) i * Float.BYTES;
                    float x = U.getFloat(a + k);
                    float y = U.getFloat(b + k);
                    U.putFloat(o + k, x != x || y != y ? Float.NaN : Math.max(x, y));
                }
            }
            case MINIMUM -> {
                for (int i = 0; i < n; i++) {
                    long k = (long) i * Float.BYTES;
                    float x = U.getFloat(a + k);
                    float y = U.getFloat(b + k);
                    U.putFloat(o + k, x != x || y != y ? Float.NaN : Math.min(x, y));
                }
            }
            default -> throw new IllegalArgumentException("no FLOAT32 loop for " + op);
        }
    }

    static boolean hasUnary(UnaryOp op) {
        return switch (op) {
            case RELU, NEG, SQUARE, ABS, EXP, LOG, SQRT, TANH, SIGMOID, SILU, GELU_TANH -> true;
            default -> false;
        };
    }

    static void unary(UnaryOp op, long o, long x, long so, long sx, long n) {
        switch (op) {
            case RELU -> {
                for (long i = 0; i < n; i++) {
                    float v = U.getFloat(x + i * sx);
                    U.putFloat(o + i * so, v > 0 || v != v ? v : 0f);
                }
            }
            case NEG -> {
                for (long i = 0; i < n; i++) {
                    U.putFloat(o + i * so, -U.getFloat(x + i * sx));
                }
            }
            case SQUARE -> {
                for (long i = 0; i < n; i++) {
                    float v = U.getFloat(x + i * sx);
                    U.putFloat(o + i * so, v * v);
                }
            }
            case ABS -> {
                for (long i = 0; i < n; i++) {
                    U.putFloat(o + i * so, Math.abs(U.getFloat(x + i * sx)));
                }
            }
            case EXP -> {
                for (long i = 0; i < n; i++) {
                    U.putFloat(o + i * so, (float) Math.exp(U.getFloat(x + i * sx)));
                }
            }
            case LOG -> {
                for (long i = 0; i < n; i++) {
                    U.putFloat(o + i * so, (float) Math.log(U.getFloat(x + i * sx)));
                }
            }
            case SQRT -> {
                for (long i = 0; i < n; i++) {
                    U.putFloat(o + i * so, (float) Math.sqrt(U.getFloat(x + i * sx)));
                }
            }
            case TANH -> {
                for (long i = 0; i < n; i++) {
                    U.putFloat(o + i * so, (float) tanh(U.getFloat(x + i * sx)));
                }
            }
            case SIGMOID -> {
                for (long i = 0; i < n; i++) {
                    U.putFloat(o + i * so, (float) ScalarMath.sigmoid(U.getFloat(x + i * sx)));
                }
            }
            case SILU -> {
                for (long i = 0; i < n; i++) {
                    float v = U.getFloat(x + i * sx);
                    U.putFloat(o + i * so, (float) (v * ScalarMath.sigmoid(v)));
                }
            }
            case GELU_TANH -> {
                for (long i = 0; i < n; i++) {
                    double v = U.getFloat(x + i * sx);
                    U.putFloat(o + i * so, (float) (0.5 * v * (1 + tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v)))));
                }
            }
            default -> throw new IllegalArgumentException("no FLOAT32 loop for " + op);
        }
    }
}
