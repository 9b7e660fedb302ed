package dev.ithaca.spi;

/** Elementwise functions of two broadcast tensors. */
public enum BinaryOp {
    ADD,
    SUB,
    MUL,
    /** True division: integer inputs give a floating-point result, as in PyTorch. */
    DIV,
    POW,
    MAXIMUM,
    MINIMUM,
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE;

    /** Comparisons produce BOOL whatever the input type. */
    public boolean isComparison() {
        return ordinal() >= EQ.ordinal();
    }
}
