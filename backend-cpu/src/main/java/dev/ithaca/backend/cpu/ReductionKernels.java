package dev.ithaca.backend.cpu;

import dev.ithaca.spi.ReduceOp;
import dev.ithaca.spi.Strided;
import dev.ithaca.tensor.DType;

import java.util.concurrent.ConcurrentSkipListMap;

import static dev.ithaca.backend.cpu.NativeMemory.U;

/**
 * Reductions, variance and arg-max/min. Floating values accumulate in double (more accurate
 * than a float accumulator; PyTorch's cascade sum agrees to float rounding), integers in long.
 * Parallel partial results are combined in a fixed order, so results are reproducible.
 */
final class ReductionKernels {
    private final Parallel parallel;

    ReductionKernels(Parallel parallel) {
        this.parallel = parallel;
    }

    void reduce(ReduceOp op, Strided x, int[] dims, Strided out) {
        ReducedBlock block = ReducedBlock.of(x, dims);
        DType in = x.dtype();
        DType result = out.dtype();
        if (out.numel() == 1 && block.sizes.length == 1 && block.count >= 2 * StridedLoop.GRAIN && in.isFloatingPoint()) {
            double v = parallelRow(op, in, ElementwiseKernels.address(x), block.byteStrides[0], block.count);
            NativeMemory.put(result, ElementwiseKernels.address(out), finish(op, v, block.count));
            return;
        }
        Strided kept = ReducedBlock.keptView(x, out.shape());
        StridedLoop.of(out, kept).run(parallel, grain(block.count), (addr, st, n) -> {
            for (long i = 0; i < n; i++) {
                long o = addr[0] + i * st[0];
                long base = addr[1] + i * st[1];
                if (in.isFloatingPoint()) {
                    NativeMemory.put(result, o, finish(op, reduceBlock(op, in, block, base), block.count));
                } else {
                    NativeMemory.putLong(result, o, reduceBlockLong(op, in, block, base));
                }
            }
        });
    }

    void variance(Strided x, int[] dims, double correction, Strided out) {
        ReducedBlock block = ReducedBlock.of(x, dims);
        DType t = x.dtype();
        Strided kept = ReducedBlock.keptView(x, out.shape());
        double divisor = Math.max(0, block.count - correction);
        StridedLoop.of(out, kept).run(parallel, grain(block.count), (addr, st, n) -> {
            for (long i = 0; i < n; i++) {
                long base = addr[1] + i * st[1];
                double mean = reduceBlock(ReduceOp.SUM, t, block, base) / block.count;
                double[] squares = {0};
                block.forEachRow(base, (a, s, c) -> {
                    for (long j = 0; j < c; j++) {
                        double d = NativeMemory.get(t, a + j * s) - mean;
                        squares[0] += d * d;
                    }
                });
                NativeMemory.put(t, addr[0] + i * st[0], squares[0] / divisor);
            }
        });
    }

    void argReduce(boolean max, Strided x, int dim, Strided out) {
        DType t = x.dtype();
        long size = x.size(dim);
        long stride = x.stride(dim) * t.byteSize();
        Strided kept = ReducedBlock.keptView(x, out.shape());
        if (t.isIntegral()) {
            argReduceLong(max, t, size, stride, out, kept);
            return;
        }
        StridedLoop.of(out, kept).run(parallel, grain(size), (addr, st, n) -> {
            for (long i = 0; i < n; i++) {
                long base = addr[1] + i * st[1];
                long best = 0;
                double bestValue = NativeMemory.get(t, base);
                for (long j = 1; j < size && bestValue == bestValue; j++) {
                    double v = NativeMemory.get(t, base + j * stride);
                    // NaN counts as the extreme value, as in PyTorch; the first extreme wins ties
                    if (v != v || (max ? v > bestValue : v < bestValue)) {
                        best = j;
                        bestValue = v;
                    }
                }
                U.putLong(addr[0] + i * st[0], best);
            }
        });
    }

    /** Integers compare as longs: INT64 values above 2^53 that are distinct may be equal as doubles. */
    private void argReduceLong(boolean max, DType t, long size, long stride, Strided out, Strided kept) {
        StridedLoop.of(out, kept).run(parallel, grain(size), (addr, st, n) -> {
            for (long i = 0; i < n; i++) {
                long base = addr[1] + i * st[1];
                long best = 0;
                long bestValue = NativeMemory.getLong(t, base);
                for (long j = 1; j < size; j++) {
                    long v = NativeMemory.getLong(t, base + j * stride);
                    if (max ? v > bestValue : v < bestValue) {
                        best = j;
                        bestValue = v;
                    }
                }
                U.putLong(addr[0] + i * st[0], best);
            }
        });
    }

    static long grain(long workPerOutput) {
        return Math.max(1, StridedLoop.GRAIN / Math.max(1, workPerOutput));
    }

    private double parallelRow(ReduceOp op, DType t, long base, long stride, long count) {
        ConcurrentSkipListMap<Long, Double> partials = new ConcurrentSkipListMap<>();
        parallel.forRange(count, StridedLoop.GRAIN, (s, e) -> partials.put(s, row(op, t, base + s * stride, stride, e - s)));
        double acc = identity(op);
        for (double p : partials.values()) {
            acc = combine(op, acc, p);
        }
        return acc;
    }

    private static double reduceBlock(ReduceOp op, DType t, ReducedBlock block, long base) {
        double[] acc = {identity(op)};
        block.forEachRow(base, (a, s, c) -> acc[0] = combine(op, acc[0], row(op, t, a, s, c)));
        return acc[0];
    }

    private static long reduceBlockLong(ReduceOp op, DType t, ReducedBlock block, long base) {
        long[] acc = {identityLong(op, t)};
        block.forEachRow(base, (a, s, c) -> {
            for (long j = 0; j < c; j++) {
                long v = NativeMemory.getLong(t, a + j * s);
                acc[0] = switch (op) {
                    case SUM, MEAN -> acc[0] + v;
                    case PROD -> acc[0] * v;
                    case MAX -> Math.max(acc[0], v);
                    case MIN -> Math.min(acc[0], v);
                };
            }
        });
        return acc[0];
    }

    /** One row: four independent accumulators for sums so the adds pipeline. */
    private static double row(ReduceOp op, DType t, long a, long s, long n) {
        if ((op == ReduceOp.SUM || op == ReduceOp.MEAN) && t == DType.FLOAT32) {
            if (s == Float.BYTES && n <= Integer.MAX_VALUE) {
                return contiguousFloatSum(a, (int) n);
            }
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            long i = 0;
            for (; i + 4 <= n; i += 4) {
                s0 += U.getFloat(a + i * s);
                s1 += U.getFloat(a + (i + 1) * s);
                s2 += U.getFloat(a + (i + 2) * s);
                s3 += U.getFloat(a + (i + 3) * s);
            }
            for (; i < n; i++) {
                s0 += U.getFloat(a + i * s);
            }
            return (s0 + s1) + (s2 + s3);
        }
        double acc = identity(op);
        for (long i = 0; i < n; i++) {
            acc = combine(op, acc, NativeMemory.get(t, a + i * s));
        }
        return acc;
    }

    /**
     * {@link #row}'s FLOAT32 sum for a unit-stride row, adding in the same order (so results are
     * bit-identical); constant offsets and an int counter make it about 1.5x faster.
     */
    private static double contiguousFloatSum(long a, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            long k = (long) i * Float.BYTES;
            s0 += U.getFloat(a + k);
            s1 += U.getFloat(a + k + Float.BYTES);
            s2 += U.getFloat(a + k + 2 * Float.BYTES);
            s3 += U.getFloat(a + k + 3 * Float.BYTES);
        }
        for (; i < n; i++) {
            s0 += U.getFloat(a + (long) i * Float.BYTES);
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double identity(ReduceOp op) {
        return switch (op) {
            case SUM, MEAN -> 0;
            case PROD -> 1;
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
        };
    }

    private static long identityLong(ReduceOp op, DType t) {
        return switch (op) {
            case SUM, MEAN -> 0;
            case PROD -> 1;
            case MAX -> t == DType.INT32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
            case MIN -> t == DType.INT32 ? Integer.MAX_VALUE : Long.MAX_VALUE;
        };
    }

    /** Max and min propagate NaN, as PyTorch's do. */
    private static double combine(ReduceOp op, double acc, double v) {
        return switch (op) {
            case SUM, MEAN -> acc + v;
            case PROD -> acc * v;
            case MAX -> acc != acc || v != v ? Double.NaN : Math.max(acc, v);
            case MIN -> acc != acc || v != v ? Double.NaN : Math.min(acc, v);
        };
    }

    private static double finish(ReduceOp op, double value, long count) {
        return op == ReduceOp.MEAN ? value / count : value;
    }
}
