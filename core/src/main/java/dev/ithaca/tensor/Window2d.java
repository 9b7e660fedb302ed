package dev.ithaca.tensor;

/**
 * A sliding 2-D window: what convolution (im2col/col2im) and pooling share.
 * Sizes follow PyTorch: {@code out = floor((in + 2*pad - dilation*(kernel-1) - 1) / stride) + 1}.
 */
public record Window2d(int kernelH, int kernelW, int strideH, int strideW,
                       int padH, int padW, int dilationH, int dilationW) {

    public Window2d {
        requireAtLeast("kernelH", kernelH, 1);
        requireAtLeast("kernelW", kernelW, 1);
        requireAtLeast("strideH", strideH, 1);
        requireAtLeast("strideW", strideW, 1);
        requireAtLeast("padH", padH, 0);
        requireAtLeast("padW", padW, 0);
        requireAtLeast("dilationH", dilationH, 1);
        requireAtLeast("dilationW", dilationW, 1);
    }

    /** Square window: kernel, stride, padding and dilation the same in both directions. */
    public static Window2d of(int kernel, int stride, int padding, int dilation) {
        return new Window2d(kernel, kernel, stride, stride, padding, padding, dilation, dilation);
    }

    /** Square window with no padding and no dilation. */
    public static Window2d of(int kernel, int stride) {
        return of(kernel, stride, 0, 1);
    }

    public long outputHeight(long inputHeight) {
        return outputSize("height", inputHeight, kernelH, strideH, padH, dilationH);
    }

    public long outputWidth(long inputWidth) {
        return outputSize("width", inputWidth, kernelW, strideW, padW, dilationW);
    }

    private static long outputSize(String axis, long in, int kernel, int stride, int pad, int dilation) {
        long span = (long) dilation * (kernel - 1) + 1;
        long out = Math.floorDiv(in + 2L * pad - span, stride) + 1;
        if (out < 1) {
            throw new IllegalArgumentException("Window " + axis + ": input " + in + " with padding " + pad
                    + " is smaller than the dilated kernel (" + span + "); the output would be empty");
        }
        return out;
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("Window2d." + name + " must be >= " + min + ", got " + value);
        }
    }
}
