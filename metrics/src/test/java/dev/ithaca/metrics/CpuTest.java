package dev.ithaca.metrics;

import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Runs each test on the CPU backend and offers short tensor builders. */
abstract class CpuTest {
    private Backends.Use cpu;

    @BeforeEach
    void useCpu() {
        cpu = Backends.use(Backends.get("cpu"));
    }

    @AfterEach
    void restoreBackend() {
        cpu.close();
    }

    /** FLOAT32 [rows.length, rows[0].length]. */
    static Tensor scores(double[]... rows) {
        int c = rows.length == 0 ? 1 : rows[0].length;
        float[] flat = new float[rows.length * c];
        for (int n = 0; n < rows.length; n++) {
            for (int j = 0; j < c; j++) {
                flat[n * c + j] = (float) rows[n][j];
            }
        }
        return Tensor.of(flat, rows.length, c);
    }

    static double[] row(double... values) {
        return values;
    }

    static Tensor longs(long... values) {
        return Tensor.of(values, values.length);
    }

    static Tensor floats(float... values) {
        return Tensor.of(values, values.length);
    }
}
