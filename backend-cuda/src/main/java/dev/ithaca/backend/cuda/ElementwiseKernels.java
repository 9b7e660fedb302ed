package dev.ithaca.backend.cuda;

import dev.ithaca.spi.BinaryOp;
import dev.ithaca.spi.Strided;
import dev.ithaca.spi.UnaryOp;
import dev.ithaca.tensor.DType;
import org.bytedeco.cuda.global.cudart;

import java.util.function.Function;

/** fill, copy/cast, unary, clamp, binary and where: kernels/elementwise.cu and kernels/cast.cu. */
final class ElementwiseKernels {
    private final KernelLauncher launcher;
    private final CudaStream stream;
    private final DeviceErrorFlag errors;
    private final Function<Strided, long[]> hostLongs;

    /**
     * @param hostLongs reads a (broadcast) view back to the host as longs, to name a bad input in an error message
     */
    ElementwiseKernels(KernelLauncher launcher, CudaStream stream, DeviceErrorFlag errors, Function<Strided, long[]> hostLongs) {
        this.launcher = launcher;
        this.stream = stream;
        this.errors = errors;
        this.hostLongs = hostLongs;
    }

    void fill(Strided out, double value) {
        long bits = elementBits(out.dtype(), value);
        if (bits == 0 && out.isContiguous()) {
            long bytes = out.numel() * out.dtype().byteSize();
            if (bytes > 0) {
                CudaStatus.check(cudart.cudaMemsetAsync(DevicePointers.at(DeviceAddress.of(out)), 0, bytes, stream.handle()),
                        "cudaMemsetAsync");
            }
            return;
        }
        launcher.launchStrided(KernelModule.ELEMENTWISE, "fill_" + DeviceAddress.sizeSuffix(out.dtype()), new Strided[] {out},
                args -> args.i64(bits));
    }

    /** The bits of {@code value} stored as one element of {@code dtype}, converted as the CPU backend's fill does. */
    static long elementBits(DType dtype, double value) {
        return switch (dtype) {
            case FLOAT32 -> Float.floatToRawIntBits((float) value) & 0xFFFFFFFFL;
            case FLOAT64 -> Double.doubleToRawLongBits(value);
            case INT32 -> ((int) (long) value) & 0xFFFFFFFFL;
            case INT64 -> (long) value;
            case BOOL -> value != 0 ? 1 : 0;
        };
    }

    void copy(Strided src, Strided dst) {
        DType from = src.dtype();
        DType to = dst.dtype();
        if (from == to && src.isContiguous() && dst.isContiguous()) {
            long bytes = src.numel() * from.byteSize();
            if (bytes > 0) {
                CudaStatus.check(cudart.cudaMemcpyAsync(DevicePointers.at(DeviceAddress.of(dst)), DevicePointers.at(DeviceAddress.of(src)),
                        bytes, cudart.cudaMemcpyDeviceToDevice, stream.handle()), "cudaMemcpyAsync(device to device)");
            }
            return;
        }
        if (from == to) {
            launcher.launchStrided(KernelModule.ELEMENTWISE, "copy_" + DeviceAddress.sizeSuffix(from), new Strided[] {dst, src}, args -> { });
        } else {
            launcher.launchStrided(KernelModule.CAST, castKernel(from, to), new Strided[] {dst, src}, args -> { });
        }
    }

    static String castKernel(DType from, DType to) {
        return "cast_" + DeviceAddress.suffix(from) + "_" + DeviceAddress.suffix(to);
    }

    void unary(UnaryOp op, Strided x, Strided out) {
        DType t = out.dtype();
        if (!t.isFloatingPoint() && op.needsFloatingPoint()) {
            throw new IllegalArgumentException(op + " is not defined on " + t + "; promote to a floating dtype first");
        }
        launcher.launchStrided(KernelModule.ELEMENTWISE, "unary_" + DeviceAddress.suffix(t), new Strided[] {out, x},
                args -> args.i32(op.ordinal()));
    }

    void clamp(Strided x, double min, double max, Strided out) {
        long lo = min == Double.NEGATIVE_INFINITY ? Long.MIN_VALUE : (long) Math.ceil(min);
        long hi = max == Double.POSITIVE_INFINITY ? Long.MAX_VALUE : (long) Math.floor(max);
        launcher.launchStrided(KernelModule.ELEMENTWISE, "clamp_" + DeviceAddress.suffix(out.dtype()), new Strided[] {out, x},
                args -> args.f64(min).f64(max).i64(lo).i64(hi));
    }

    void binary(BinaryOp op, Strided a, Strided b, Strided out) {
        DType in = a.dtype();
        if (op == BinaryOp.DIV && !in.isFloatingPoint()) {
            throw new IllegalArgumentException("integer DIV must be promoted to floating point by the caller, got " + in);
        }
        String kernel = "binary_" + DeviceAddress.suffix(in);
        Strided[] operands = {out, a, b};
        if (op == BinaryOp.POW && !in.isFloatingPoint()) {
            int error = errors.run(flag -> launcher.launchStrided(KernelModule.ELEMENTWISE, kernel, operands,
                    args -> args.i32(op.ordinal()).pointer(flag)));
            if (error != 0) {
                long exponent = firstNegative(hostLongs.apply(b));
                throw new IllegalArgumentException("pow: integers cannot be raised to the negative power " + exponent
                        + "; convert to floating point first");
            }
            return;
        }
        launcher.launchStrided(KernelModule.ELEMENTWISE, kernel, operands, args -> args.i32(op.ordinal()).pointer(errors.address()));
    }

    private static long firstNegative(long[] values) {
        for (long v : values) {
            if (v < 0) {
                return v;
            }
        }
        throw new IllegalStateException("pow kernel reported a negative exponent the host cannot find");
    }

    void where(Strided cond, Strided a, Strided b, Strided out) {
        launcher.launchStrided(KernelModule.ELEMENTWISE, "where_" + DeviceAddress.sizeSuffix(out.dtype()),
                new Strided[] {out, cond, a, b}, args -> { });
    }
}
