package dev.ithaca.spi;

/** Elementwise functions of one tensor; every backend implements each with PyTorch's definition. */
public enum UnaryOp {
    NEG,
    ABS,
    EXP,
    LOG,
    SQRT,
    RSQRT,
    TANH,
    SIGMOID,
    RELU,
    /** x * Φ(x) with the exact normal CDF (PyTorch's default {@code approximate='none'}). */
    GELU,
    /** 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))) ({@code approximate='tanh'}). */
    GELU_TANH,
    /** x * sigmoid(x). */
    SILU,
    SIGN,
    RECIPROCAL,
    SQUARE,
    /** d/dx GELU(x) = Φ(x) + x·φ(x); used by GELU's backward. */
    GELU_GRAD,
    /** d/dx of the tanh-approximated GELU; used by its backward. */
    GELU_TANH_GRAD;

    /** True when the op is only defined on floating-point values (integer inputs are promoted first). */
    public boolean needsFloatingPoint() {
        return switch (this) {
            case NEG, ABS, RELU, SIGN, SQUARE -> false;
            default -> true;
        };
    }
}
