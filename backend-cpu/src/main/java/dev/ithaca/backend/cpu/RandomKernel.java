package dev.ithaca.backend.cpu;

import dev.ithaca.random.Distribution;
import dev.ithaca.random.PhiloxSampler;
import dev.ithaca.spi.Strided;
import dev.ithaca.tensor.DType;

/** Fills a contiguous tensor from the Philox stream, two elements per block, in parallel over blocks. */
final class RandomKernel {
    private final Parallel parallel;

    RandomKernel(Parallel parallel) {
        this.parallel = parallel;
    }

    void random(Distribution distribution, long seed, long offset, Strided out) {
        DType t = out.dtype();
        long numel = out.numel();
        long base = ElementwiseKernels.address(out);
        int size = t.byteSize();
        boolean exactIntegers = distribution instanceof Distribution.Integers && !t.isFloatingPoint();
        long pairs = Distribution.blocksFor(numel);
        parallel.forRange(pairs, StridedLoop.GRAIN / 2, (start, end) -> {
            PhiloxSampler sampler = new PhiloxSampler(distribution, t, seed, offset);
            double[] values = new double[2];
            long[] integers = new long[2];
            for (long p = start; p < end; p++) {
                long first = 2 * p;
                int count = (int) Math.min(2, numel - first);
                if (exactIntegers) {
                    sampler.pair(p, integers);
                    for (int j = 0; j < count; j++) {
                        NativeMemory.putLong(t, base + (first + j) * size, integers[j]);
                    }
                } else {
                    sampler.pair(p, values);
                    for (int j = 0; j < count; j++) {
                        NativeMemory.put(t, base + (first + j) * size, values[j]);
                    }
                }
            }
        });
    }
}
