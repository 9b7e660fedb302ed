package dev.ithaca.benchmarks;

import dev.ithaca.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/** softmax over [4096, 1024] along dim 1 (a batch of logits) against a row-wise {@code float[]} softmax. */
public class SoftmaxBenchmark extends CpuBenchmark {
    static final int ROWS = 4096;
    static final int COLS = 1024;

    private float[] logits;
    private Tensor tensor;
    private final InjectedSlowdown slowdown = InjectedSlowdown.forKey("softmax");

    @Setup(Level.Trial)
    public void setUp() {
        logits = RandomFloats.of(ROWS * COLS, 3);
        tensor = Tensor.of(logits, ROWS, COLS);
        try (Tensor probabilities = tensor.softmax(1)) {
            SameResult.check("softmax", JavaBaselines.softmaxRows(logits, ROWS, COLS), probabilities.toFloatArray(), 1e-6);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        tensor.close();
    }

    @Benchmark
    public void tensorSoftmax() {
        long start = slowdown.start();
        tensor.softmax(1).close();
        slowdown.finish(start);
    }

    @Benchmark
    public float[] javaSoftmax() {
        return JavaBaselines.softmaxRows(logits, ROWS, COLS);
    }
}
