package dev.ithaca.benchmarks;

import dev.ithaca.tensor.Tensor;
import org.bytedeco.javacpp.FloatPointer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import static org.bytedeco.openblas.global.openblas_full.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_full.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_full.cblas_sgemm;

/**
 * {@code Tensor.matmul} of two n x n FLOAT32 matrices against {@code cblas_sgemm} called directly
 * on the same tensors' memory: the ratio is everything Ithaca adds on top of OpenBLAS (checks,
 * views, the output allocation, dispatch). Both use the OpenBLAS thread count the backend set.
 */
public class MatmulBenchmark extends CpuBenchmark {
    @Param({"256", "512", "1024", "2048"})
    int n;

    private Tensor a;
    private Tensor b;
    private Tensor out;
    private FloatPointer aMemory;
    private FloatPointer bMemory;
    private FloatPointer outMemory;
    private final InjectedSlowdown slowdown = InjectedSlowdown.forKey("matmul");

    @Setup(Level.Trial)
    public void setUp() {
        a = Tensor.of(RandomFloats.of(n * n, 1), n, n);
        b = Tensor.of(RandomFloats.of(n * n, 2), n, n);
        out = Tensor.zeros(n, n);
        aMemory = TensorMemory.floats(a);
        bMemory = TensorMemory.floats(b);
        outMemory = TensorMemory.floats(out);
        rawSgemm();
        try (Tensor product = a.matmul(b)) {
            SameResult.check("matmul n=" + n, out.toFloatArray(), product.toFloatArray(), 1e-4);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        a.close();
        b.close();
        out.close();
    }

    @Benchmark
    public void tensorMatmul() {
        long start = slowdown.start();
        a.matmul(b).close();
        slowdown.finish(start);
    }

    /** C = A B with row-major operands, written into a preallocated output. */
    @Benchmark
    public void rawSgemm() {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1f, aMemory, n, bMemory, n, 0f, outMemory, n);
    }
}
