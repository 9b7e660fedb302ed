package dev.ithaca.backend.cpu;

import dev.ithaca.spi.Strided;
import dev.ithaca.tensor.DType;

import static dev.ithaca.backend.cpu.NativeMemory.U;

/** Softmax and log-softmax along one dim, max-subtracted so large logits never overflow. */
final class SoftmaxKernel {
    private final Parallel parallel;

    SoftmaxKernel(Parallel parallel) {
        this.parallel = parallel;
    }

    void softmax(Strided x, int dim, boolean log, Strided out) {
        DType t = x.dtype();
        int size = t.byteSize();
        long length = x.size(dim);
        long xs = x.stride(dim) * size;
        long os = out.stride(dim) * size;
        long[] rowShape = x.shape();
        rowShape[dim] = 1;
        Strided xRows = ReducedBlock.keptView(x, rowShape);
        Strided outRows = ReducedBlock.keptView(out, rowShape);
        // an exp per element: worth threads at 1/16 of the memory-bound grain
        StridedLoop.of(outRows, xRows).run(parallel, Math.max(1, ReductionKernels.grain(length) / 16), (addr, st, n) -> {
            for (long r = 0; r < n; r++) {
                long o = addr[0] + r * st[0];
                long a = addr[1] + r * st[1];
                if (t == DType.FLOAT32) {
                    float32Row(a, xs, o, os, length, log);
                    continue;
                }
                double max = Double.NEGATIVE_INFINITY;
                for (long i = 0; i < length; i++) {
                    max = Math.max(max, NativeMemory.get(t, a + i * xs));
                }
                double shift = max == Double.NEGATIVE_INFINITY ? 0 : max;
                double sum = 0;
                for (long i = 0; i < length; i++) {
                    double e = Math.exp(NativeMemory.get(t, a + i * xs) - shift);
                    sum += e;
                    if (!log) {
                        NativeMemory.put(t, o + i * os, e);
                    }
                }
                if (log) {
                    double logSum = Math.log(sum) + shift;
                    for (long i = 0; i < length; i++) {
                        NativeMemory.put(t, o + i * os, NativeMemory.get(t, a + i * xs) - logSum);
                    }
                } else {
                    double inv = 1 / sum;
                    for (long i = 0; i < length; i++) {
                        NativeMemory.put(t, o + i * os, NativeMemory.get(t, o + i * os) * inv);
                    }
                }
            }
        });
    }

    /** The same row computation with direct float loads and stores (no per-element dtype dispatch). */
    private static void float32Row(long a, long xs, long o, long os, long length, boolean log) {
        double max = Double.NEGATIVE_INFINITY;
        for (long i = 0; i < length; i++) {
            max = Math.max(max, U.getFloat(a + i * xs));
        }
        double shift = max == Double.NEGATIVE_INFINITY ? 0 : max;
        double sum = 0;
        for (long i = 0; i < length; i++) {
            double e = Math.exp(U.getFloat(a + i * xs) - shift);
            sum += e;
            if (!log) {
                U.putFloat(o + i * os, (float) e);
            }
        }
        if (log) {
            double logSum = Math.log(sum) + shift;
            for (long i = 0; i < length; i++) {
                U.putFloat(o + i * os, (float) (U.getFloat(a + i * xs) - logSum));
            }
        } else {
            double inv = 1 / sum;
            for (long i = 0; i < length; i++) {
                U.putFloat(o + i * os, (float) (U.getFloat(o + i * os) * inv));
            }
        }
    }
}
