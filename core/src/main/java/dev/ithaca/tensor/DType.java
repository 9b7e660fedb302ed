package dev.ithaca.tensor;

/**
 * Element types a tensor can hold. Promotion follows PyTorch's category order:
 * {@code BOOL < INT32 < INT64 < FLOAT32 < FLOAT64}.
 */
public enum DType {
    BOOL(1, false, false),
    INT32(4, true, false),
    INT64(8, true, false),
    FLOAT32(4, false, true),
    FLOAT64(8, false, true);

    private final int byteSize;
    private final boolean integral;
    private final boolean floating;

    DType(int byteSize, boolean integral, boolean floating) {
        this.byteSize = byteSize;
        this.integral = integral;
        this.floating = floating;
    }

    /** Bytes one element occupies in storage. */
    public int byteSize() {
        return byteSize;
    }

    /** True for INT32 and INT64 (BOOL is neither integral nor floating). */
    public boolean isIntegral() {
        return integral;
    }

    public boolean isFloatingPoint() {
        return floating;
    }

    /** The type both operands of a binary op are computed in. */
    public static DType promote(DType a, DType b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /** The type a tensor of this type takes when combined with a Java scalar (a "wrapped number"). */
    public DType promoteWithScalar(double scalar) {
        boolean wholeNumber = scalar == Math.rint(scalar) && !Double.isInfinite(scalar);
        if (floating) {
            return this;
        }
        if (!wholeNumber) {
            return FLOAT32;
        }
        return this == BOOL ? INT64 : this;
    }
}
