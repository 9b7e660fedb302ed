package dev.ithaca.benchmarks;

import dev.ithaca.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * A one-element add, closed at once: the arithmetic is nothing, so the time is the fixed cost of
 * an op (checks, type promotion, broadcasting, the output allocation, the kernel call, the free).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DispatchBenchmark extends CpuBenchmark {
    private Tensor a;
    private Tensor b;
    private final InjectedSlowdown slowdown = InjectedSlowdown.forKey("dispatch");

    @Setup(Level.Trial)
    public void setUp() {
        a = Tensor.of(new float[] {1}, 1);
        b = Tensor.of(new float[] {2}, 1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        a.close();
        b.close();
    }

    @Benchmark
    public void tensorAddOneElement() {
        long start = slowdown.start();
        a.add(b).close();
        slowdown.finish(start);
    }
}
