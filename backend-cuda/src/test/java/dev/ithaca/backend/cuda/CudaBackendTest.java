package dev.ithaca.backend.cuda;

import dev.ithaca.memory.Scope;
import dev.ithaca.random.Distribution;
import dev.ithaca.random.Generator;
import dev.ithaca.random.PhiloxSampler;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.Backends;
import dev.ithaca.spi.MemoryStats;
import dev.ithaca.spi.OptimizerUpdate;
import dev.ithaca.spi.Strided;
import dev.ithaca.tck.BackendConformanceTest;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * What the CUDA backend promises beyond the conformance kit, checked on the GPU against references
 * computed on the host: optimizer updates bit-identical to the documented arithmetic (the CPU
 * backend's), Philox draws bit-identical to core's sampler, FP32 (not TF32) matmul by default,
 * transfers larger than the staging buffers, high-rank walks, split reductions, the disk cache of
 * compiled kernels, out-of-memory reporting and use from several threads. Skipped, with the probe's
 * reason, where no GPU is usable.
 */
@SuppressWarnings("try")
class CudaBackendTest extends BackendConformanceTest {
    @TempDir
    Path tempDir;

    @Override
    protected String backendName() {
        return "cuda";
    }

    private CudaBackend cuda() {
        return (CudaBackend) backend();
    }

    // ---- optimizer updates: the documented arithmetic, bit for bit -------------------------------------------

    static Stream<Arguments> updates() {
        return OptimizerCases.updates().stream().flatMap(u -> Stream.of(DType.FLOAT32, DType.FLOAT64).map(t -> Arguments.of(u, t)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("updates")
    void optimizerUpdatesAreBitIdenticalToTheReference(OptimizerUpdate update, DType dtype) {
        int rows = 3;
        int cols = 1000;
        double[][] values = OptimizerCases.inputs(update, rows * (cols + 7), update.hashCode());
        // on the device: row-major [3, 1007] tensors, updated through a strided [3, 1000] view
        List<Tensor> views = new ArrayList<>();
        for (double[] v : values) {
            views.add(Tensor.of(v).to(dtype).reshape(rows, cols + 7).narrow(1, 0, cols));
        }
        // on the host: the same viewed elements, in order
        double[][] viewed = new double[values.length][rows * cols];
        for (int k = 0; k < values.length; k++) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(values[k], r * (cols + 7), viewed[k], r * cols, cols);
            }
        }
        OptimizerCases.Run expected = OptimizerCases.reference(update, dtype, viewed, 5);
        for (int step = 0; step < 5; step++) {
            Strided[] state = new Strided[update.stateCount()];
            for (int s = 0; s < state.length; s++) {
                state[s] = views.get(2 + s).strided();
            }
            backend().optimizerStep(update, views.get(0).strided(), views.get(1).strided(), state);
        }
        for (int k = 0; k < values.length; k++) {
            assertThat(TensorBits.of(views.get(k))).as("operand %d after 5 steps", k).containsExactly(expected.bits(k));
        }
    }

    // ---- Philox: the numbers of core's sampler ---------------------------------------------------------

    /** What {@link PhiloxSampler} gives for {@code numel} elements, as the dtype's bits (the CPU backend's values). */
    private static long[] sampled(Distribution distribution, DType dtype, long seed, long offset, int numel) {
        PhiloxSampler sampler = new PhiloxSampler(distribution, dtype, seed, offset);
        long[] bits = new long[numel];
        double[] pair = new double[2];
        long[] integers = new long[2];
        for (int p = 0; 2 * p < numel; p++) {
            if (dtype.isFloatingPoint()) {
                sampler.pair(p, pair);
            } else {
                sampler.pair(p, integers);
            }
            for (int j = 0; j < 2 && 2 * p + j < numel; j++) {
                bits[2 * p + j] = switch (dtype) {
                    case FLOAT32 -> Float.floatToRawIntBits((float) pair[j]);
                    case FLOAT64 -> Double.doubleToRawLongBits(pair[j]);
                    case INT32 -> (int) integers[j];
                    default -> integers[j];
                };
            }
        }
        return bits;
    }

    @Test
    void uniformsAndIntegersAreBitIdenticalToCoresSampler() {
        assertThat(TensorBits.of(Tensor.rand(new Generator(5), 100_001)))
                .containsExactly(sampled(new Distribution.Uniform(0, 1), DType.FLOAT32, 5, 0, 100_001));
        assertThat(TensorBits.of(Tensor.uniform(new Generator(6), -3, 5, DType.FLOAT64, 10_001)))
                .containsExactly(sampled(new Distribution.Uniform(-3, 5), DType.FLOAT64, 6, 0, 10_001));
        assertThat(TensorBits.of(Tensor.randint(new Generator(7), -1000, 1_000_000_007L, 10_001)))
                .containsExactly(sampled(new Distribution.Integers(-1000, 1_000_000_007L), DType.INT64, 7, 0, 10_001));
        assertThat(TensorBits.of(Tensor.uniform(new Generator(8), 1, 1 + 1e-7, DType.FLOAT32, 999)))
                .containsExactly(sampled(new Distribution.Uniform(1, 1 + 1e-7), DType.FLOAT32, 8, 0, 999));
        Generator offset = new Generator(9);
        offset.reserve(12_345);
        assertThat(TensorBits.of(Tensor.rand(offset, 777))).containsExactly(sampled(new Distribution.Uniform(0, 1), DType.FLOAT32, 9,
                Distribution.blocksFor(12_345), 777));
        Tensor ints = Tensor.zeros(DType.INT32, 1001);
        backend().random(new Distribution.Integers(Long.MIN_VALUE, Long.MAX_VALUE), 10, 3, ints.strided());
        assertThat(TensorBits.of(ints)).containsExactly(sampled(new Distribution.Integers(Long.MIN_VALUE, Long.MAX_VALUE), DType.INT32, 10, 3, 1001));
    }

    @Test
    void normalsAgreeWithCoresSamplerToTheLastBitsOfLogAndCos() {
        double[] gpu = Tensor.normal(new Generator(11), 1, 2, DType.FLOAT64, 20_001).toDoubleArray();
        long[] host = sampled(new Distribution.Normal(1, 2), DType.FLOAT64, 11, 0, 20_001);
        for (int i = 0; i < gpu.length; i++) {
            double expected = Double.longBitsToDouble(host[i]);
            assertThat(Math.abs(gpu[i] - expected)).as("element %d", i).isLessThanOrEqualTo(1e-13 * Math.max(1, Math.abs(expected)));
        }
        float[] gpu32 = Tensor.randn(new Generator(12), 20_001).toFloatArray();
        long[] host32 = sampled(new Distribution.Normal(0, 1), DType.FLOAT32, 12, 0, 20_001);
        for (int i = 0; i < gpu32.length; i++) {
            float expected = Float.intBitsToFloat((int) host32[i]);
            assertThat(Math.abs(gpu32[i] - expected)).as("element %d", i).isLessThanOrEqualTo(Math.ulp(expected));
        }
    }

    // ---- matmul precision ----------------------------------------------------------------------------

    /** Largest error of a FLOAT32 product on {@code b} against the same product in double on the host, relative to the largest value. */
    private static double relativeMatmulError(Backend b) {
        int m = 384;
        int k = 512;
        int n = 256;
        try (Backends.Use use = Backends.use(b)) {
            Tensor x = Tensor.randn(new Generator(13), m, k);
            Tensor y = Tensor.randn(new Generator(14), k, n);
            float[] got = x.matmul(y).toFloatArray();
            float[] xs = x.toFloatArray();
            float[] ys = y.toFloatArray();
            double scale = 0;
            double error = 0;
            double[] row = new double[n];
            for (int i = 0; i < m; i++) {
                Arrays.fill(row, 0);
                for (int p = 0; p < k; p++) {
                    double xv = xs[i * k + p];
                    for (int j = 0; j < n; j++) {
                        row[j] += xv * ys[p * n + j];
                    }
                }
                for (int j = 0; j < n; j++) {
                    scale = Math.max(scale, Math.abs(row[j]));
                    error = Math.max(error, Math.abs(got[i * n + j] - row[j]));
                }
            }
            return error / scale;
        }
    }

    @Test
    void float32MatmulIsFullFp32ByDefault() {
        assertThat(cuda().tf32()).isFalse();
        assertThat(relativeMatmulError(backend())).as("TF32 would be ~1e-3").isLessThan(2e-6);
    }

    @Test
    void tf32CanBeSwitchedOnPerBackend() {
        try (CudaBackend tf32 = new CudaBackend(new CudaConfig(0, true, tempDir, CudaConfig.UNLIMITED))) {
            assertThat(tf32.tf32()).isTrue();
            assertThat(relativeMatmulError(tf32)).isLessThan(1e-2).isGreaterThan(1e-5);
        }
    }

    // ---- transfers, high ranks, split and packed reductions ----------------------------------------------

    @Test
    void transfersLargerThanTheStagingBuffersRoundTripExactly() {
        int n = (int) (3 * HostTransfers.CHUNK_BYTES / Float.BYTES + 12_345);
        float[] values = new float[n];
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextDouble(-1e6, 1e6);
        }
        assertThat(Tensor.of(values).toFloatArray()).containsExactly(values);
        long[] longs = random.longs(n / 2).toArray();
        assertThat(Tensor.of(longs).toLongArray()).containsExactly(longs);
        boolean[] bools = new boolean[n];
        for (int i = 0; i < n; i += 3) {
            bools[i] = true;
        }
        assertThat(Tensor.of(bools).toBooleanArray()).containsExactly(bools);
    }

    /** The values each output of a reduction over {@code dims} covers, by plain index arithmetic on row-major values. */
    private static double[][] blocks(double[] values, long[] shape, int[] dims) {
        boolean[] reduced = new boolean[shape.length];
        int blockSize = 1;
        for (int d : dims) {
            reduced[d] = true;
            blockSize *= (int) shape[d];
        }
        double[][] blocks = new double[values.length / blockSize][blockSize];
        int[] filled = new int[blocks.length];
        for (int i = 0; i < values.length; i++) {
            int rest = i;
            int kept = 0;
            int keptScale = 1;
            for (int d = shape.length - 1; d >= 0; d--) {
                int index = (int) (rest % shape[d]);
                rest /= (int) shape[d];
                if (!reduced[d]) {
                    kept += index * keptScale;
                    keptScale *= (int) shape[d];
                }
            }
            blocks[kept][filled[kept]++] = values[i];
        }
        return blocks;
    }

    private static void assertSumsAndVariances(Tensor x, int[] dims, double[] logicalValues) {
        double[][] blocks = blocks(logicalValues, x.shape(), dims);
        double[] sums = x.sum(dims, false).toDoubleArray();
        double[] variances = x.var(dims, 1, false).toDoubleArray();
        assertThat(sums).hasSize(blocks.length);
        for (int o = 0; o < blocks.length; o++) {
            double sum = Arrays.stream(blocks[o]).sum();
            double mean = sum / blocks[o].length;
            double squares = Arrays.stream(blocks[o]).map(v -> (v - mean) * (v - mean)).sum();
            assertThat(sums[o]).as("sum %d", o).isCloseTo(sum, within(1e-4 * Math.max(1, Math.abs(sum))));
            assertThat(variances[o]).as("variance %d", o).isCloseTo(squares / (blocks[o].length - 1), within(1e-5));
        }
    }

    @Test
    void walksOfMoreDimsThanAKernelTakesAreSplitIntoSeveralLaunches() {
        int rank = Geometry.MAX_DIMS + 3;
        long[] shape = new long[rank];
        Arrays.fill(shape, 2);
        int[] reversed = new int[rank];
        for (int d = 0; d < rank; d++) {
            reversed[d] = rank - 1 - d;
        }
        Tensor x = Tensor.randn(new Generator(15), shape);
        Tensor y = Tensor.randn(new Generator(16), shape);
        float[] xs = x.toFloatArray();
        float[] ys = y.toFloatArray();
        // with every size 2, element i of the reversed permutation is element bit-reverse(i) of the tensor
        double[] yReversed = new double[ys.length];
        for (int i = 0; i < ys.length; i++) {
            yReversed[i] = ys[Integer.reverse(i) >>> (32 - rank)];
        }
        float[] got = x.add(y.permute(reversed)).mul(2).toFloatArray();
        for (int i = 0; i < xs.length; i++) {
            assertThat(got[i]).isEqualTo(2 * (xs[i] + (float) yReversed[i]));
        }
        // a reduction whose kept dims do not coalesce: its outputs span several launches (variance's means included)
        assertSumsAndVariances(y.permute(reversed), new int[] {0}, yReversed);
    }

    @Test
    void reductionsOverMoreScatteredDimsThanAKernelTakesArePackedFirst() {
        // 13 reduced dims of size 2 whose strides run backwards: none coalesce, one more than a kernel takes
        int reducedRank = Geometry.MAX_DIMS + 1;
        long[] shape = new long[reducedRank + 1];
        Arrays.fill(shape, 2);
        shape[0] = 3;
        int[] permutation = new int[shape.length];
        int[] reducedDims = new int[reducedRank];
        for (int d = 1; d < shape.length; d++) {
            permutation[d] = shape.length - d;
            reducedDims[d - 1] = d;
        }
        Tensor base = Tensor.rand(new Generator(17), shape);
        float[] values = base.toFloatArray();
        int block = 1 << reducedRank;
        double[] logical = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            int kept = i / block;
            logical[i] = values[kept * block + (Integer.reverse(i % block) >>> (32 - reducedRank))];
        }
        assertSumsAndVariances(base.permute(permutation), reducedDims, logical);
    }

    @Test
    void hugeFullReductionsAreSplitAcrossTheGpu() {
        int n = 12_000_017;
        Tensor x = Tensor.randn(new Generator(18), n);
        float[] xs = x.toFloatArray();
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        int argmin = 0;
        for (int i = 0; i < n; i++) {
            sum += xs[i];
            max = Math.max(max, xs[i]);
            argmin = xs[i] < xs[argmin] ? i : argmin;
        }
        double mean = sum / n;
        double squares = 0;
        for (float v : xs) {
            squares += (v - mean) * (v - mean);
        }
        assertThat(x.sum().item()).isCloseTo(sum, within(1e-2));
        assertThat(x.mean().item()).isCloseTo(mean, within(1e-7));
        assertThat(x.max().item()).isEqualTo(max);
        assertThat(x.argmin().item()).isEqualTo(argmin);
        assertThat(x.var().item()).isCloseTo(squares / (n - 1), within(1e-5));
    }

    // ---- memory --------------------------------------------------------------------------------------

    @Test
    void anImpossibleAllocationIsAClearOutOfMemoryError() {
        MemoryStats before = backend().memoryStats();
        assertThatThrownBy(() -> backend().allocate(1L << 52)).isInstanceOf(CudaOutOfMemoryError.class)
                .hasMessageContainingAll("CUDA out of memory on cuda:", "tried to allocate 4.0 PiB", "free of", "cudaMemGetInfo");
        assertThat(backend().memoryStats().liveBytes()).isEqualTo(before.liveBytes());
    }

    @Test
    void aTrainingLikeLoopReusesItsBlocks() {
        for (int step = 0; step < 50; step++) {
            try (Scope scope = Scope.open()) {
                Tensor.ones(256, 1024).mul(2).sum(0);
            }
        }
        long reserved = backend().memoryStats().reservedBytes();
        for (int step = 0; step < 500; step++) {
            try (Scope scope = Scope.open()) {
                Tensor.ones(256, 1024).mul(2).sum(0);
            }
        }
        assertThat(backend().memoryStats().reservedBytes()).isEqualTo(reserved);
    }

    // ---- kernel cache on disk ---------------------------------------------------------------------------

    private static Map<Path, FileTime> cubins(Path dir) throws IOException {
        Map<Path, FileTime> files = new HashMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(p -> p.toString().endsWith(".cubin")).toList()) {
                files.put(p, Files.getLastModifiedTime(p));
            }
        }
        return files;
    }

    private static void addOnce(CudaBackend b) {
        try (Backends.Use use = Backends.use(b)) {
            assertThat(Tensor.of(new float[] {1, 2}).add(Tensor.of(new float[] {3, 4})).toFloatArray()).containsExactly(4, 6);
        }
    }

    @Test
    void compiledKernelsAreCachedOnDiskReusedAndRepairedWhenDamaged() throws IOException {
        CudaConfig config = new CudaConfig(0, false, tempDir, CudaConfig.UNLIMITED);
        try (CudaBackend first = new CudaBackend(config)) {
            addOnce(first);
        }
        Map<Path, FileTime> written = cubins(tempDir);
        assertThat(written).isNotEmpty();
        assertThat(written.keySet()).allSatisfy(p -> assertThat(p.getFileName().toString()).contains(cuda().architecture()));
        try (CudaBackend second = new CudaBackend(config)) {
            addOnce(second);
        }
        assertThat(cubins(tempDir)).as("read back, not rewritten").isEqualTo(written);
        Path damaged = written.keySet().iterator().next();
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[bytes.length / 2] ^= 0x7F;
        Files.write(damaged, bytes);
        try (CudaBackend third = new CudaBackend(config)) {
            addOnce(third);
        }
        assertThat(Files.readAllBytes(damaged)).as("recompiled and rewritten").isNotEqualTo(bytes);
    }

    // ---- threads -----------------------------------------------------------------------------------------

    @Test
    void severalThreadsCanUseTheBackendAtOnce() throws Exception {
        Backend b = backend();
        Tensor a = Tensor.randn(new Generator(19), 64, 64);
        double expected = a.matmul(a).sum().item();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Double>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    try (Backends.Use use = Backends.use(b); Scope scope = Scope.open()) {
                        double last = 0;
                        for (int i = 0; i < 20; i++) {
                            last = a.matmul(a).sum().item();
                        }
                        return last;
                    }
                }));
            }
            for (Future<Double> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdown();
        }
    }
}
