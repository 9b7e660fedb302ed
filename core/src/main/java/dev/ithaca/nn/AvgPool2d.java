package dev.ithaca.nn;

import dev.ithaca.tensor.Tensor;
import dev.ithaca.tensor.Window2d;

import java.util.Arrays;

/**
 * Mean over sliding windows of {@code [N, C, H, W]}, as {@code nn.AvgPool2d}: the stride defaults to
 * the kernel size; with {@code countIncludePad} (PyTorch's default) padded cells count in the
 * divisor as zeros, without it only cells inside the input do.
 */
public final class AvgPool2d extends Module {
    private final Window2d window;
    private final boolean countIncludePad;

    /** Stride equal to the kernel, no padding, padding counted. */
    public AvgPool2d(int kernelSize) {
        this(kernelSize, kernelSize, 0, true);
    }

    public AvgPool2d(int kernelSize, int stride) {
        this(kernelSize, stride, 0, true);
    }

    public AvgPool2d(int kernelSize, int stride, int padding, boolean countIncludePad) {
        this(new Window2d(Checks.atLeast("AvgPool2d", "kernelSize", kernelSize, 1), kernelSize,
                Checks.atLeast("AvgPool2d", "stride", stride, 1), stride,
                Checks.atLeast("AvgPool2d", "padding", padding, 0), padding, 1, 1), countIncludePad);
    }

    /** Any window without dilation, for rectangular kernels. */
    public AvgPool2d(Window2d window, boolean countIncludePad) {
        this.window = Pooling.checkPadding("AvgPool2d", window);
        if (window.dilationH() != 1 || window.dilationW() != 1) {
            throw new IllegalArgumentException("AvgPool2d: window dilation must be 1 (average pooling has none), got ("
                    + window.dilationH() + ", " + window.dilationW() + ")");
        }
        this.countIncludePad = countIncludePad;
    }

    @Override
    public Tensor forward(Tensor input) {
        Checks.rank("AvgPool2d", input, 4, "[N, C, H, W]");
        Checks.floating("AvgPool2d", input);
        try {
            return input.avgPool2d(window, countIncludePad);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("AvgPool2d: input of shape " + Arrays.toString(input.shape()) + ": "
                    + e.getMessage(), e);
        }
    }

    public Window2d window() {
        return window;
    }

    public boolean countIncludePad() {
        return countIncludePad;
    }

    @Override
    protected String extraRepr() {
        return Pooling.describe(window) + ", countIncludePad=" + countIncludePad;
    }
}
