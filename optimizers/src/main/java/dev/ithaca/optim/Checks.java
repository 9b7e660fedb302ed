package dev.ithaca.optim;

/**
 * PyTorch's hyperparameter checks, with messages that keep PyTorch's wording and add the option's
 * name and value ({@code "Adam: Invalid epsilon value: eps = -1.0 (must be >= 0)"}). Written as
 * {@code !(x >= 0)} so NaN is rejected too, as PyTorch's {@code not 0.0 <= x} does.
 */
final class Checks {
    private Checks() {
    }

    /** {@code value >= 0}; {@code what} is PyTorch's phrase, e.g. "learning rate" or "epsilon value". */
    static void nonNegative(String optimizer, String what, String key, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(optimizer + ": Invalid " + what + ": " + key + " = " + value + " (must be >= 0)");
        }
    }

    /** {@code 0 <= beta < 1} for {@code betas[index]}. */
    static void beta(String optimizer, int index, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(optimizer + ": Invalid beta parameter at index " + index + ": betas[" + index + "] = "
                    + value + " (must be in [0, 1))");
        }
    }
}
