package dev.ithaca.benchmarks;

import dev.ithaca.backend.cpu.CpuBackend;
import dev.ithaca.nn.Parameter;
import dev.ithaca.optim.AdamW;
import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * One AdamW step over 10M FLOAT32 parameters (the fused backend update) against a STREAM triad
 * {@code a = b + s * c} over 10M floats on the same number of threads. Both scores are in MB/s of
 * memory traffic, counted as STREAM does (bytes read plus bytes written, no write-allocate): the
 * AdamW step reads the parameter, gradient and both moments and writes the parameter and moments,
 * 7 x 4 bytes per element; the triad moves 3 x 4. Their ratio is the share of the machine's
 * streaming bandwidth the fused update reaches (target >= 0.6).
 */
public class OptimizerBenchmark extends CpuBenchmark {
    static final int SIZE = 10_000_000;
    /** Megabytes one AdamW step moves: 7 arrays of 4-byte floats. */
    static final int ADAMW_MB = 7 * 4 * SIZE / 1_000_000;
    /** Megabytes one triad moves: 3 arrays of 4-byte floats. */
    static final int TRIAD_MB = 3 * 4 * SIZE / 1_000_000;

    private Parameter weights;
    private Tensor gradient;
    private AdamW adamw;
    private float[] a;
    private float[] b;
    private float[] c;
    private ForkJoinPool pool;
    private int threads;
    private final InjectedSlowdown slowdown = InjectedSlowdown.forKey("adamw");

    @Setup(Level.Trial)
    public void setUp() {
        float[] initial = RandomFloats.of(SIZE, 7);
        float[] grad = RandomFloats.of(SIZE, 8);
        weights = Parameter.of("weights", Tensor.of(initial, SIZE));
        gradient = Tensor.of(grad, SIZE);
        weights.setGrad(gradient);
        adamw = AdamW.builder().lr(1e-3).weightDecay(1e-2).build(List.of(weights));
        adamw.step();
        SameResult.check("AdamW first step", firstAdamWStep(initial, grad), weights.toFloatArray(), 1e-6);

        threads = Backends.current() instanceof CpuBackend cpu ? cpu.threads() : Runtime.getRuntime().availableProcessors();
        pool = new ForkJoinPool(threads);
        a = new float[SIZE];
        b = RandomFloats.of(SIZE, 9);
        c = RandomFloats.of(SIZE, 10);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        adamw.close();
        weights.close();
        gradient.close();
        pool.shutdown();
    }

    /** AdamW's first step (m = 0.1 g, v = 0.001 g^2, bias-corrected) written as a plain loop. */
    private static float[] firstAdamWStep(float[] p, float[] g) {
        float[] out = new float[p.length];
        float scale = (float) (1 - 1e-3 * 1e-2);
        float bc2 = (float) Math.sqrt(1 - 0.999);
        float step = (float) (1e-3 / (1 - 0.9));
        for (int i = 0; i < p.length; i++) {
            float m = 0.1f * g[i];
            float v = (float) (1 - 0.999) * g[i] * g[i];
            out[i] = p[i] * scale - step * (m / ((float) Math.sqrt(v) / bc2 + 1e-8f));
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(ADAMW_MB)
    public void adamwStep() {
        long start = slowdown.start();
        adamw.step();
        slowdown.finish(start);
    }

    @Benchmark
    @OperationsPerInvocation(TRIAD_MB)
    public float[] triad() {
        float s = 3f;
        int chunk = (SIZE + threads - 1) / threads;
        pool.submit(() -> IntStream.range(0, threads).parallel().forEach(t -> {
            int end = Math.min(SIZE, (t + 1) * chunk);
            for (int i = t * chunk; i < end; i++) {
                a[i] = b[i] + s * c[i];
            }
        })).join();
        return a;
    }
}
