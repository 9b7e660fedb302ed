package dev.ithaca.nn;

import dev.ithaca.tensor.Window2d;

/** What the pooling layers share: PyTorch's padding rule and their display. */
final class Pooling {
    private Pooling() {
    }

    /** PyTorch requires padding of at most half the kernel, so every window covers at least one real cell. */
    static Window2d checkPadding(String layer, Window2d window) {
        if (2 * window.padH() > window.kernelH() || 2 * window.padW() > window.kernelW()) {
            throw new IllegalArgumentException(layer + ": padding (" + window.padH() + ", " + window.padW()
                    + ") must be at most half the kernel size (" + window.kernelH() + ", " + window.kernelW() + ")");
        }
        return window;
    }

    static String describe(Window2d w) {
        return "kernelSize=(" + w.kernelH() + ", " + w.kernelW() + "), stride=(" + w.strideH() + ", " + w.strideW()
                + "), padding=(" + w.padH() + ", " + w.padW() + ")";
    }
}
