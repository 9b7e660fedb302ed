package dev.ithaca.benchmarks;

import dev.ithaca.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * add and mul on 16M floats through Tensor against a {@code float[]} loop. Both allocate their
 * output each call, but not alike: the Tensor result's block comes back from the caching
 * allocator's free list (after the first call), while Java zeroes a fresh 64 MiB array, so the
 * baseline writes the output twice. The work is memory-bound, so both sides sit near the machine's
 * bandwidth; the Tensor side also splits it across the backend's threads, the loop runs on one.
 */
public class ElementwiseBenchmark extends CpuBenchmark {
    static final int SIZE = 16 * 1024 * 1024;

    private float[] x;
    private float[] y;
    private Tensor tx;
    private Tensor ty;
    private final InjectedSlowdown addSlowdown = InjectedSlowdown.forKey("add");
    private final InjectedSlowdown mulSlowdown = InjectedSlowdown.forKey("mul");

    @Setup(Level.Trial)
    public void setUp() {
        x = RandomFloats.of(SIZE, 1);
        y = RandomFloats.of(SIZE, 2);
        tx = Tensor.of(x, SIZE);
        ty = Tensor.of(y, SIZE);
        try (Tensor sum = tx.add(ty); Tensor product = tx.mul(ty)) {
            SameResult.check("add", JavaBaselines.add(x, y), sum.toFloatArray(), 0);
            SameResult.check("mul", JavaBaselines.mul(x, y), product.toFloatArray(), 0);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        tx.close();
        ty.close();
    }

    @Benchmark
    public void tensorAdd() {
        long start = addSlowdown.start();
        tx.add(ty).close();
        addSlowdown.finish(start);
    }

    @Benchmark
    public float[] javaAdd() {
        return JavaBaselines.add(x, y);
    }

    @Benchmark
    public void tensorMul() {
        long start = mulSlowdown.start();
        tx.mul(ty).close();
        mulSlowdown.finish(start);
    }

    @Benchmark
    public float[] javaMul() {
        return JavaBaselines.mul(x, y);
    }
}
