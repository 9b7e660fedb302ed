package dev.ithaca.backend.cpu;

import dev.ithaca.spi.Strided;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Window2d;

/**
 * Sliding-window kernels on [N, C, H, W] inputs of any strides: im2col/col2im for convolution,
 * max and average pooling. Work splits across (n, c) planes, which never overlap.
 */
final class WindowKernels {
    private final Parallel parallel;

    WindowKernels(Parallel parallel) {
        this.parallel = parallel;
    }

    /** Addresses and sizes of one [N, C, H, W] operand. */
    private record Planes(long base, long sn, long sc, long sh, long sw, long channels, long height, long width, int size) {
        static Planes of(Strided s) {
            int size = s.dtype().byteSize();
            long[] st = s.strides();
            return new Planes(ElementwiseKernels.address(s), st[0] * size, st[1] * size, st[2] * size, st[3] * size,
                    s.size(1), s.size(2), s.size(3), size);
        }

        long plane(long nc) {
            return base + (nc / channels) * sn + (nc % channels) * sc;
        }
    }

    void im2col(Strided image, Window2d w, Strided columns) {
        Planes in = Planes.of(image);
        long oh = w.outputHeight(in.height());
        long ow = w.outputWidth(in.width());
        long planes = image.size(0) * in.channels();
        long kernelArea = (long) w.kernelH() * w.kernelW();
        int size = in.size();
        long[] cs = columns.strides();
        long colBase = ElementwiseKernels.address(columns);
        parallel.forRange(planes, 1, (start, end) -> {
            for (long nc = start; nc < end; nc++) {
                long src = in.plane(nc);
                long n = nc / in.channels();
                long c = nc % in.channels();
                for (int ki = 0; ki < w.kernelH(); ki++) {
                    for (int kj = 0; kj < w.kernelW(); kj++) {
                        long row = c * kernelArea + (long) ki * w.kernelW() + kj;
                        long dst = colBase + (n * cs[0] + row * cs[1]) * size;
                        for (long y = 0; y < oh; y++) {
                            long ih = y * w.strideH() - w.padH() + (long) ki * w.dilationH();
                            for (long x = 0; x < ow; x++) {
                                long iw = x * w.strideW() - w.padW() + (long) kj * w.dilationW();
                                long out = dst + (y * ow + x) * cs[2] * size;
                                if (ih >= 0 && ih < in.height() && iw >= 0 && iw < in.width()) {
                                    NativeMemory.copyElement(src + ih * in.sh() + iw * in.sw(), out, size);
                                } else {
                                    zero(out, size);
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    void col2im(Strided columns, Window2d w, Strided image) {
        Planes img = Planes.of(image);
        DType t = image.dtype();
        long oh = w.outputHeight(img.height());
        long ow = w.outputWidth(img.width());
        long planes = image.size(0) * img.channels();
        long kernelArea = (long) w.kernelH() * w.kernelW();
        int size = img.size();
        long[] cs = columns.strides();
        long colBase = ElementwiseKernels.address(columns);
        parallel.forRange(planes, 1, (start, end) -> {
            for (long nc = start; nc < end; nc++) {
                long dstPlane = img.plane(nc);
                long n = nc / img.channels();
                long c = nc % img.channels();
                for (int ki = 0; ki < w.kernelH(); ki++) {
                    for (int kj = 0; kj < w.kernelW(); kj++) {
                        long row = c * kernelArea + (long) ki * w.kernelW() + kj;
                        long src = colBase + (n * cs[0] + row * cs[1]) * size;
                        for (long y = 0; y < oh; y++) {
                            long ih = y * w.strideH() - w.padH() + (long) ki * w.dilationH();
                            if (ih < 0 || ih >= img.height()) {
                                continue;
                            }
                            for (long x = 0; x < ow; x++) {
                                long iw = x * w.strideW() - w.padW() + (long) kj * w.dilationW();
                                if (iw >= 0 && iw < img.width()) {
                                    long target = dstPlane + ih * img.sh() + iw * img.sw();
                                    long from = src + (y * ow + x) * cs[2] * size;
                                    NativeMemory.put(t, target, NativeMemory.get(t, target) + NativeMemory.get(t, from));
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    void maxPool2d(Strided x, Window2d w, Strided out, Strided indices) {
        Planes in = Planes.of(x);
        Planes o = Planes.of(out);
        Planes idx = Planes.of(indices);
        DType t = x.dtype();
        long oh = out.size(2);
        long ow = out.size(3);
        long planes = x.size(0) * in.channels();
        parallel.forRange(planes, 1, (start, end) -> {
            for (long nc = start; nc < end; nc++) {
                long src = in.plane(nc);
                long dst = o.plane(nc);
                long dstIdx = idx.plane(nc);
                for (long y = 0; y < oh; y++) {
                    for (long xo = 0; xo < ow; xo++) {
                        double best = Double.NEGATIVE_INFINITY;
                        long bestAt = -1;
                        for (int ki = 0; ki < w.kernelH(); ki++) {
                            long ih = y * w.strideH() - w.padH() + (long) ki * w.dilationH();
                            if (ih < 0 || ih >= in.height()) {
                                continue;
                            }
                            for (int kj = 0; kj < w.kernelW(); kj++) {
                                long iw = xo * w.strideW() - w.padW() + (long) kj * w.dilationW();
                                if (iw < 0 || iw >= in.width()) {
                                    continue;
                                }
                                double v = NativeMemory.get(t, src + ih * in.sh() + iw * in.sw());
                                // NaN wins and stays, as in PyTorch
                                if (bestAt < 0 || v > best || (v != v && best == best)) {
                                    best = v;
                                    bestAt = ih * in.width() + iw;
                                }
                            }
                        }
                        NativeMemory.put(t, dst + y * o.sh() + xo * o.sw(), best);
                        NativeMemory.putLong(DType.INT64, dstIdx + y * idx.sh() + xo * idx.sw(), bestAt);
                    }
                }
            }
        });
    }

    void avgPool2d(Strided x, Window2d w, boolean countIncludePad, Strided out) {
        Planes in = Planes.of(x);
        Planes o = Planes.of(out);
        DType t = x.dtype();
        long oh = out.size(2);
        long ow = out.size(3);
        long planes = x.size(0) * in.channels();
        parallel.forRange(planes, 1, (start, end) -> {
            for (long nc = start; nc < end; nc++) {
                long src = in.plane(nc);
                long dst = o.plane(nc);
                for (long y = 0; y < oh; y++) {
                    long h0 = y * w.strideH() - w.padH();
                    long h1 = Math.min(h0 + w.kernelH(), in.height() + w.padH());
                    for (long xo = 0; xo < ow; xo++) {
                        long w0 = xo * w.strideW() - w.padW();
                        long w1 = Math.min(w0 + w.kernelW(), in.width() + w.padW());
                        long paddedArea = (h1 - h0) * (w1 - w0);
                        long hs = Math.max(h0, 0), he = Math.min(h1, in.height());
                        long ws = Math.max(w0, 0), we = Math.min(w1, in.width());
                        double sum = 0;
                        for (long ih = hs; ih < he; ih++) {
                            for (long iw = ws; iw < we; iw++) {
                                sum += NativeMemory.get(t, src + ih * in.sh() + iw * in.sw());
                            }
                        }
                        long divisor = countIncludePad ? paddedArea : (he - hs) * (we - ws);
                        NativeMemory.put(t, dst + y * o.sh() + xo * o.sw(), sum / divisor);
                    }
                }
            }
        });
    }

    private static void zero(long address, int size) {
        switch (size) {
            case 8 -> NativeMemory.U.putLong(address, 0L);
            case 4 -> NativeMemory.U.putInt(address, 0);
            default -> NativeMemory.U.putByte(address, (byte) 0);
        }
    }
}
