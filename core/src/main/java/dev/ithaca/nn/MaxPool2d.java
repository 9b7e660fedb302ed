package dev.ithaca.nn;

import dev.ithaca.tensor.Tensor;
import dev.ithaca.tensor.Window2d;

import java.util.Arrays;

/**
 * Max over sliding windows of {@code [N, C, H, W]}, as {@code nn.MaxPool2d}: the stride defaults to
 * the kernel size; padding (at most half the kernel) never wins a window.
 */
public final class MaxPool2d extends Module {
    private final Window2d window;

    /** Stride equal to the kernel, no padding. */
    public MaxPool2d(int kernelSize) {
        this(kernelSize, kernelSize, 0, 1);
    }

    public MaxPool2d(int kernelSize, int stride) {
        this(kernelSize, stride, 0, 1);
    }

    public MaxPool2d(int kernelSize, int stride, int padding, int dilation) {
        this(new Window2d(Checks.atLeast("MaxPool2d", "kernelSize", kernelSize, 1), kernelSize,
                Checks.atLeast("MaxPool2d", "stride", stride, 1), stride,
                Checks.atLeast("MaxPool2d", "padding", padding, 0), padding,
                Checks.atLeast("MaxPool2d", "dilation", dilation, 1), dilation));
    }

    /** Any window, for rectangular kernels. */
    public MaxPool2d(Window2d window) {
        this.window = Pooling.checkPadding("MaxPool2d", window);
    }

    @Override
    public Tensor forward(Tensor input) {
        Checks.rank("MaxPool2d", input, 4, "[N, C, H, W]");
        try {
            return input.maxPool2d(window);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MaxPool2d: input of shape " + Arrays.toString(input.shape()) + ": "
                    + e.getMessage(), e);
        }
    }

    public Window2d window() {
        return window;
    }

    @Override
    protected String extraRepr() {
        return Pooling.describe(window) + ", dilation=(" + window.dilationH() + ", " + window.dilationW() + ")";
    }
}
