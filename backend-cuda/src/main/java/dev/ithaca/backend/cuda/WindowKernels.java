package dev.ithaca.backend.cuda;

import dev.ithaca.spi.Strided;
import dev.ithaca.tensor.Window2d;

/** im2col/col2im and max/average pooling over [N, C, H, W] operands of any strides: kernels/window.cu. */
final class WindowKernels {
    private final KernelLauncher launcher;

    WindowKernels(KernelLauncher launcher) {
        this.launcher = launcher;
    }

    /** The CUDA struct Window: the image's sizes, the output's, then the Window2d's fields. */
    static long[] window(Strided image, long outH, long outW, Window2d w) {
        return new long[] {image.size(0), image.size(1), image.size(2), image.size(3), outH, outW,
            w.kernelH(), w.kernelW(), w.strideH(), w.strideW(), w.padH(), w.padW(), w.dilationH(), w.dilationW()};
    }

    /** The CUDA struct Layout: up to three operands' element strides, four slots each. */
    static long[] layout(Strided... operands) {
        long[] words = new long[12];
        for (int i = 0; i < operands.length; i++) {
            System.arraycopy(operands[i].strides(), 0, words, 4 * i, operands[i].rank());
        }
        return words;
    }

    void im2col(Strided image, Window2d w, Strided columns) {
        long outH = w.outputHeight(image.size(2));
        long outW = w.outputWidth(image.size(3));
        long work = image.size(0) * image.size(1) * w.kernelH() * w.kernelW() * outH * outW;
        if (work == 0) {
            return;
        }
        KernelArgs args = KernelArgs.begin().words(window(image, outH, outW, w)).words(layout(image, columns))
                .pointer(DeviceAddress.of(columns)).pointer(DeviceAddress.of(image));
        launcher.launch(KernelModule.WINDOW, "im2col_" + DeviceAddress.sizeSuffix(image.dtype()),
                LaunchConfig.forElements(work, launcher.multiprocessors()), args);
    }

    void col2im(Strided columns, Window2d w, Strided image) {
        long outH = w.outputHeight(image.size(2));
        long outW = w.outputWidth(image.size(3));
        long work = image.numel();
        if (work == 0) {
            return;
        }
        KernelArgs args = KernelArgs.begin().words(window(image, outH, outW, w)).words(layout(image, columns))
                .pointer(DeviceAddress.of(columns)).pointer(DeviceAddress.of(image));
        launcher.launch(KernelModule.WINDOW, "col2im_" + DeviceAddress.suffix(image.dtype()),
                LaunchConfig.forElements(work, launcher.multiprocessors()), args);
    }

    void maxPool2d(Strided x, Window2d w, Strided out, Strided indices) {
        long work = out.numel();
        if (work == 0) {
            return;
        }
        KernelArgs args = KernelArgs.begin().words(window(x, out.size(2), out.size(3), w)).words(layout(x, out, indices))
                .pointer(DeviceAddress.of(out)).pointer(DeviceAddress.of(indices)).pointer(DeviceAddress.of(x));
        launcher.launch(KernelModule.WINDOW, "max_pool_" + DeviceAddress.suffix(x.dtype()),
                LaunchConfig.forElements(work, launcher.multiprocessors()), args);
    }

    void avgPool2d(Strided x, Window2d w, boolean countIncludePad, Strided out) {
        long work = out.numel();
        if (work == 0) {
            return;
        }
        KernelArgs args = KernelArgs.begin().words(window(x, out.size(2), out.size(3), w)).words(layout(x, out))
                .i32(countIncludePad ? 1 : 0).pointer(DeviceAddress.of(out)).pointer(DeviceAddress.of(x));
        launcher.launch(KernelModule.WINDOW, "avg_pool_" + DeviceAddress.suffix(x.dtype()),
                LaunchConfig.forElements(work, launcher.multiprocessors()), args);
    }
}
