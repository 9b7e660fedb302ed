package dev.ithaca.backend.cpu;

import dev.ithaca.memory.Scope;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.Backends;
import dev.ithaca.tck.Approx;
import dev.ithaca.tck.Samples;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.tensor.Window2d;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The kernel pool and OpenBLAS share one thread count, and splitting work across threads never
 * changes a result (beyond summation order). The shared backend has as many threads as this
 * machine has cores, which may be one; these tests force several.
 */
@SuppressWarnings("try") // scopes and Backends.use work by being open, not by being referenced
class CpuThreadsTest {
    private static final int LARGE = Samples.LARGE;

    @AfterEach
    void restoreOpenBlasThreads() {
        OpenBlas.setThreads(((CpuBackend) Backends.get("cpu")).threads());
    }

    @Test
    void openBlasUsesAsManyThreadsAsTheKernelPool() {
        CpuBackend shared = (CpuBackend) Backends.get("cpu");
        assertThat(shared.openBlasThreads()).isEqualTo(shared.threads());
        for (int threads : new int[] {1, 3}) {
            try (CpuBackend cpu = new CpuBackend(threads, 0)) {
                assertThat(cpu.threads()).isEqualTo(threads);
                assertThat(cpu.openBlasThreads()).isEqualTo(threads);
            }
        }
    }

    @Test
    void constructorRejectsBadArguments() {
        assertThatThrownBy(() -> new CpuBackend(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("threads", "0");
        assertThatThrownBy(() -> new CpuBackend(1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("maxCachedBytes", "-1");
    }

    @Test
    void fourThreadsComputeWhatOneThreadComputes() {
        double[] x = Samples.floats(1, LARGE, -4, 4);
        double[] y = Samples.floats(2, LARGE, -4, 4);
        Function<Backend, double[][]> work = backend -> {
            try (Backends.Use use = Backends.use(backend); Scope scope = Scope.open()) {
                Tensor a = Samples.tensor(DType.FLOAT32, x, LARGE);
                Tensor b = Samples.tensor(DType.FLOAT32, y, LARGE);
                Tensor m = a.narrow(0, 0, 316 * 315).view(316, 315).narrow(1, 0, 314);   // a strided [316, 314] view
                Tensor planes = a.narrow(0, 0, 16 * 6000).view(16, 1, 60, 100);
                return new double[][] {
                    a.mul(b).exp().toDoubleArray(),
                    m.t().add(1).toDoubleArray(),
                    a.gt(b).toDoubleArray(),
                    m.softmax(0).toDoubleArray(),
                    m.argmax(1, false).toDoubleArray(),
                    a.gather(0, Tensor.arange(LARGE - 1, -1, -1)).toDoubleArray(),
                    Tensor.rand(7, LARGE).toDoubleArray(),
                    planes.maxPool2d(Window2d.of(3, 2, 1, 1)).toDoubleArray(),
                    planes.im2col(Window2d.of(3, 1, 1, 1)).toDoubleArray(),
                    new double[] {a.sum().item(), m.sum(0).sum().item(), a.var().item()},
                };
            }
        };
        double[][] serial;
        double[][] parallel;
        try (CpuBackend one = new CpuBackend(1, 0); CpuBackend four = new CpuBackend(4, 0)) {
            serial = work.apply(one);
            parallel = work.apply(four);
        }
        for (int i = 0; i < serial.length - 1; i++) {
            assertThat(parallel[i]).as("result %d", i).isEqualTo(serial[i]);
        }
        // sums may add their partial results in another order
        Approx.assertClose(parallel[serial.length - 1], serial[serial.length - 1], 1e-9);
    }

    @Test
    void repeatedReductionsAreBitIdentical() {
        try (CpuBackend four = new CpuBackend(4, 0); Backends.Use use = Backends.use(four); Scope scope = Scope.open()) {
            Tensor a = Samples.tensor(DType.FLOAT32, Samples.floats(3, LARGE, -4, 4), LARGE);
            double first = a.sum().item();
            for (int i = 0; i < 20; i++) {
                assertThat(a.sum().item()).isEqualTo(first);
            }
        }
    }
}
