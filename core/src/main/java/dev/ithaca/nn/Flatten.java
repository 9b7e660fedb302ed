package dev.ithaca.nn;

import dev.ithaca.tensor.Tensor;

/** Merges dimensions {@code startDim..endDim} into one, as {@code nn.Flatten} (default 1..-1 keeps the batch). */
public final class Flatten extends Module {
    private final int startDim;
    private final int endDim;

    public Flatten() {
        this(1, -1);
    }

    /** Negative dims count from the end; they are checked against each input's rank. */
    public Flatten(int startDim, int endDim) {
        if (startDim >= 0 && endDim >= 0 && startDim > endDim) {
            throw new IllegalArgumentException("Flatten: startDim (" + startDim + ") must not be after endDim (" + endDim + ")");
        }
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.flatten(startDim, endDim);
    }

    @Override
    protected String extraRepr() {
        return "startDim=" + startDim + ", endDim=" + endDim;
    }
}
