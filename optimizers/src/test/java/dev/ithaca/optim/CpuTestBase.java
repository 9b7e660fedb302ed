package dev.ithaca.optim;

import dev.ithaca.memory.Scope;
import dev.ithaca.nn.Parameter;
import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Runs each test on the CPU backend inside a scope, and frees what the test handed to
 * {@link #own} (parameters and optimizers, which belong to no scope) afterwards.
 */
abstract class CpuTestBase {
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private Backends.Use use;
    private Scope scope;

    @BeforeEach
    void enterCpu() {
        use = Backends.use(Backends.get("cpu"));
        scope = Scope.open();
    }

    @AfterEach
    void leaveCpu() throws Exception {
        try {
            scope.close();
            while (!owned.isEmpty()) {
                owned.pop().close();
            }
        } finally {
            use.close();
        }
    }

    /** Frees {@code resource} after the test. */
    protected final <T extends AutoCloseable> T own(T resource) {
        owned.push(resource);
        return resource;
    }

    /** A parameter of {@code dtype} holding {@code values} (rounded to float for FLOAT32). */
    protected final Parameter param(String name, DType dtype, double[] values, long... shape) {
        return own(Parameter.of(name, tensor(dtype, values, shape)));
    }

    protected static Tensor tensor(DType dtype, double[] values, long... shape) {
        if (dtype == DType.FLOAT64) {
            return Tensor.of(values.clone(), shape);
        }
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return Tensor.of(floats, shape);
    }

    /** The tensor's values as doubles, whatever its floating dtype. */
    protected static double[] values(Tensor t) {
        return t.toDoubleArray();
    }
}
