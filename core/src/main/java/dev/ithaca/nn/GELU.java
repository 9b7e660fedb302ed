package dev.ithaca.nn;

import dev.ithaca.tensor.Tensor;

import java.util.Objects;

/**
 * Gaussian error linear unit, as {@code nn.GELU}: {@code x * Φ(x)} with the exact normal CDF by
 * default, or the tanh approximation {@code 0.5x(1 + tanh(sqrt(2/π)(x + 0.044715x³)))}.
 */
public final class GELU extends Module {
    /** PyTorch's {@code approximate} argument. */
    public enum Approximation {
        /** The exact CDF via erf ({@code approximate='none'}). */
        NONE,
        /** The tanh formula ({@code approximate='tanh'}), as GPT-2 used. */
        TANH
    }

    private final Approximation approximation;

    public GELU() {
        this(Approximation.NONE);
    }

    public GELU(Approximation approximation) {
        this.approximation = Objects.requireNonNull(approximation, "approximation");
    }

    @Override
    public Tensor forward(Tensor input) {
        return approximation == Approximation.TANH ? input.geluTanh() : input.gelu();
    }

    public Approximation approximation() {
        return approximation;
    }

    @Override
    protected String extraRepr() {
        return "approximate=" + approximation.name().toLowerCase(java.util.Locale.ROOT);
    }
}
