package dev.ithaca.benchmarks;

import dev.ithaca.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/** Full sum of 16M floats (double accumulation on both sides) against a {@code float[]} loop. */
public class SumBenchmark extends CpuBenchmark {
    static final int SIZE = 16 * 1024 * 1024;

    private float[] values;
    private Tensor tensor;
    private final InjectedSlowdown slowdown = InjectedSlowdown.forKey("sum");

    @Setup(Level.Trial)
    public void setUp() {
        values = RandomFloats.of(SIZE, 4);
        tensor = Tensor.of(values, SIZE);
        try (Tensor total = tensor.sum()) {
            SameResult.check("sum", JavaBaselines.sum(values), total.item(), 1e-5);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        tensor.close();
    }

    @Benchmark
    public void tensorSum() {
        long start = slowdown.start();
        tensor.sum().close();
        slowdown.finish(start);
    }

    @Benchmark
    public double javaSum() {
        return JavaBaselines.sum(values);
    }
}
