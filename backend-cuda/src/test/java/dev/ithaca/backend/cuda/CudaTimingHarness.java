package dev.ithaca.backend.cuda;

import dev.ithaca.memory.Scope;
import dev.ithaca.nn.Linear;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.Parameter;
import dev.ithaca.nn.ReLU;
import dev.ithaca.nn.Sequential;
import dev.ithaca.nn.loss.CrossEntropyLoss;
import dev.ithaca.random.Generator;
import dev.ithaca.spi.Availability;
import dev.ithaca.spi.Backends;
import dev.ithaca.spi.OptimizerUpdate;
import dev.ithaca.spi.Strided;
import dev.ithaca.tensor.Tensor;
import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.FloatPointer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Timings of the CUDA backend against the hardware's own yardsticks, for a GPU machine (see
 * scripts/gpu-verify.sh): {@code ./run.sh main dev.ithaca.backend.cuda.CudaTimingHarness}.
 * <ul>
 *   <li>sgemm 4096 x 4096 through {@code Tensor.matmul} against a raw {@code cublasSgemm_v2} on the same buffers;</li>
 *   <li>elementwise add of 256M floats against a device-to-device copy (bandwidth of each);</li>
 *   <li>one training step (forward, backward, fused Adam) of an MLP 784-512-512-10 at batch 128 and 4096.</li>
 * </ul>
 * {@code src/test/python/torch_compare.py} measures the same in PyTorch and prints the same lines.
 * Exit code 2 (with the probe's reason) where no GPU is usable.
 */
@SuppressWarnings("try") // scopes and Backends.use work by being open
public final class CudaTimingHarness {
    private CudaTimingHarness() {
    }

    public static void main(String[] args) {
        Availability availability = new CudaBackendProvider().availability();
        if (!availability.available()) {
            System.out.println("SKIP: CUDA is not usable here: " + availability);
            System.exit(2);
        }
        CudaBackend backend = (CudaBackend) Backends.get("cuda");
        System.out.println("device: " + backend.deviceName() + " (" + backend.architecture() + "), TF32 " + (backend.tf32() ? "on" : "off"));
        try (Backends.Use use = Backends.use(backend)) {
            sgemm(backend, 4096, 20);
            elementwise(backend, 256L << 20, 20);
            mlp(backend, 128, 200);
            mlp(backend, 4096, 100);
        }
        System.out.flush();
        System.exit(0);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void print(String format, Object... values) {
        System.out.println(String.format(Locale.ROOT, format, values));
    }

    /** Tensor.matmul against raw cuBLAS on the same device buffers (the default stream, synchronized per run). */
    static void sgemm(CudaBackend backend, int n, int iterations) {
        Generator generator = new Generator(1);
        Tensor a = Tensor.randn(generator, n, n);
        Tensor b = Tensor.randn(generator, n, n);
        for (int i = 0; i < 3; i++) {
            a.matmul(b).close();
        }
        backend.synchronize();
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            a.matmul(b).close();
        }
        backend.synchronize();
        double ours = seconds(start) / iterations;

        Tensor c = Tensor.zeros(n, n);
        backend.synchronize();   // raw cuBLAS runs on the legacy default stream, which does not wait for ours
        cublasContext handle = new cublasContext();
        CudaStatus.checkBlas(cublas.cublasCreate_v2(handle), "cublasCreate_v2");
        try (FloatPointer one = new FloatPointer(1f); FloatPointer zero = new FloatPointer(0f)) {
            CudaStatus.checkBlas(cublas.cublasSetMathMode(handle, backend.tf32() ? cublas.CUBLAS_TF32_TENSOR_OP_MATH : cublas.CUBLAS_DEFAULT_MATH),
                    "cublasSetMathMode");
            FloatPointer pa = DevicePointers.floats(DeviceAddress.of(a.strided()));
            FloatPointer pb = DevicePointers.floats(DeviceAddress.of(b.strided()));
            FloatPointer pc = DevicePointers.floats(DeviceAddress.of(c.strided()));
            Runnable raw = () -> CudaStatus.checkBlas(cublas.cublasSgemm_v2(handle, cublas.CUBLAS_OP_N, cublas.CUBLAS_OP_N, n, n, n, one,
                    pb, n, pa, n, zero, pc, n), "cublasSgemm_v2");
            for (int i = 0; i < 3; i++) {
                raw.run();
            }
            CudaStatus.check(cudart.cudaDeviceSynchronize(), "cudaDeviceSynchronize");
            start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                raw.run();
            }
            CudaStatus.check(cudart.cudaDeviceSynchronize(), "cudaDeviceSynchronize");
        } finally {
            cublas.cublasDestroy_v2(handle);
        }
        double rawSeconds = seconds(start) / iterations;
        double flops = 2.0 * n * n * n;
        print("sgemm %d: ithaca %.3f ms (%.1f TFLOP/s), raw cuBLAS %.3f ms (%.1f TFLOP/s), ratio %.3f",
                n, ours * 1e3, flops / ours / 1e12, rawSeconds * 1e3, flops / rawSeconds / 1e12, ours / rawSeconds);
        a.close();
        b.close();
        c.close();
    }

    /** a.add(b) (reads 2, writes 1) against cudaMemcpy device to device (reads 1, writes 1), as effective bandwidth. */
    static void elementwise(CudaBackend backend, long n, int iterations) {
        Tensor a = Tensor.ones(n);
        Tensor b = Tensor.ones(n);
        Tensor copy = Tensor.zeros(n);
        for (int i = 0; i < 2; i++) {
            a.add(b).close();
        }
        backend.synchronize();
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            a.add(b).close();
        }
        backend.synchronize();
        double add = seconds(start) / iterations;
        long bytes = n * Float.BYTES;
        for (int i = 0; i < 2; i++) {
            copy.copyFrom(a);
        }
        backend.synchronize();
        start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            copy.copyFrom(a);
        }
        backend.synchronize();
        double copied = seconds(start) / iterations;
        print("add %dM floats: %.3f ms (%.0f GB/s), copy %.3f ms (%.0f GB/s), bandwidth ratio %.3f", n >> 20, add * 1e3,
                3.0 * bytes / add / 1e9, copied * 1e3, 2.0 * bytes / copied / 1e9, (3.0 * bytes / add) / (2.0 * bytes / copied));
        a.close();
        b.close();
        copy.close();
    }

    /** One training step of an MLP with Adam, through core's nn and the backend's fused update only. */
    static void mlp(CudaBackend backend, int batch, int steps) {
        Generator generator = new Generator(2);
        Module model = new Sequential(new Linear(784, 512, generator), new ReLU(), new Linear(512, 512, generator), new ReLU(),
                new Linear(512, 10, generator));
        CrossEntropyLoss lossFunction = new CrossEntropyLoss();
        Tensor x = Tensor.randn(generator, batch, 784);
        Tensor y = Tensor.randint(generator, 0, 10, batch);
        List<Parameter> parameters = model.parameters();
        List<Tensor[]> moments = new ArrayList<>();
        for (Parameter p : parameters) {
            moments.add(new Tensor[] {Tensor.zerosLike(p), Tensor.zerosLike(p)});
        }
        long[] step = {0};
        Runnable trainStep = () -> {
            try (Scope scope = Scope.open()) {
                model.zeroGrad();
                Tensor loss = lossFunction.forward(model.forward(x), y);
                loss.backward();
                step[0]++;
                OptimizerUpdate.Adam update = new OptimizerUpdate.Adam(1e-3, 0.9, 0.999, 1e-8, 0, false, false, false, step[0], true);
                for (int i = 0; i < parameters.size(); i++) {
                    Parameter p = parameters.get(i);
                    Strided[] state = {moments.get(i)[0].strided(), moments.get(i)[1].strided()};
                    backend.optimizerStep(update, p.strided(), p.grad().strided(), state);
                    p.strided().storage().bumpVersion();
                }
            }
        };
        double firstLoss;
        try (Scope scope = Scope.open()) {
            firstLoss = lossFunction.forward(model.forward(x), y).item();
        }
        for (int i = 0; i < 20; i++) {
            trainStep.run();
        }
        backend.synchronize();
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            trainStep.run();
        }
        backend.synchronize();
        double perStep = seconds(start) / steps;
        double lastLoss;
        try (Scope scope = Scope.open()) {
            lastLoss = lossFunction.forward(model.forward(x), y).item();
        }
        print("mlp 784-512-512-10 adam batch %d: %.3f ms/step (%.0f samples/s), loss %.4f -> %.4f after %d steps",
                batch, perStep * 1e3, batch / perStep, firstLoss, lastLoss, steps + 20);
    }
}
