package dev.ithaca.tensor;

import dev.ithaca.memory.Scope;
import dev.ithaca.random.Distribution;
import dev.ithaca.random.Generator;
import dev.ithaca.spi.Backend;

import java.util.Arrays;

/** Factories, host transfers and device transfers. */
final class TensorCreation {
    private TensorCreation() {
    }

    /** {@code Tensor.of(data)} without a shape means one dimension holding all the values. */
    static Tensor fromValues(Backend backend, Object data, int length, DType dtype, long[] shape) {
        return fromArray(backend, data, length, dtype, shape.length == 0 ? new long[] {length} : shape);
    }

    static Tensor fromArray(Backend backend, Object data, int length, DType dtype, long[] shape) {
        long[] resolved = Shapes.checkShape("Tensor.of", shape);
        long numel = Shapes.numel(resolved);
        if (numel != length) {
            throw new IllegalArgumentException("Tensor.of: " + length + " values do not fill shape " + Arrays.toString(resolved)
                    + " (it needs " + numel + ")");
        }
        Tensor t = Tensor.empty(backend, dtype, resolved);
        backend.copyFromHost(data, t.strided());
        return t;
    }

    static Tensor full(Backend backend, DType dtype, double value, long[] shape) {
        Tensor t = Tensor.empty(backend, dtype, Shapes.checkShape("full", shape));
        backend.fill(t.strided(), value);
        return t;
    }

    static Tensor arange(Backend backend, long start, long end, long step) {
        long n = arangeLength(start, end, step);
        long[] values = new long[OpChecks.checkedArrayLength("arange", n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = start + i * step;
        }
        return fromArray(backend, values, values.length, DType.INT64, new long[] {n});
    }

    static Tensor arange(Backend backend, double start, double end, double step) {
        if (!Double.isFinite(start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("arange: start and end must be finite, got start=" + start + ", end=" + end);
        }
        if (step == 0 || !Double.isFinite(step) || (end - start) * step < 0) {
            throw new IllegalArgumentException("arange: step " + step + " must be non-zero and point from " + start + " toward " + end);
        }
        long n = (long) Math.ceil((end - start) / step);
        float[] values = new float[OpChecks.checkedArrayLength("arange", n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (start + i * step);
        }
        return fromArray(backend, values, values.length, DType.FLOAT32, new long[] {n});
    }

    private static long arangeLength(long start, long end, long step) {
        if (step == 0 || (end - start) != 0 && Long.signum(end - start) != Long.signum(step)) {
            throw new IllegalArgumentException("arange: step " + step + " must be non-zero and point from " + start + " toward " + end);
        }
        return Math.max(0, Math.floorDiv(end - start + step - Long.signum(step), step));
    }

    static Tensor eye(Backend backend, long rows, long cols) {
        Tensor t = full(backend, DType.FLOAT32, 0, new long[] {rows, cols});
        long diagonal = Math.min(rows, cols);
        if (diagonal > 0) {
            // the diagonal of a row-major [rows, cols] matrix is a strided 1-D view with stride cols+1
            try (Tensor diag = t.view(new long[] {diagonal}, new long[] {cols + 1}, 0)) {
                backend.fill(diag.strided(), 1);
            }
        }
        return t;
    }

    static Tensor random(Backend backend, Generator generator, Distribution distribution, DType dtype, long[] shape) {
        if (distribution instanceof Distribution.Integers ? dtype == DType.BOOL : !dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("random: " + distribution.getClass().getSimpleName() + " cannot produce " + dtype);
        }
        Tensor t = Tensor.empty(backend, dtype, Shapes.checkShape("random", shape));
        backend.random(distribution, generator.seed(), generator.reserve(t.numel()), t.strided());
        return t;
    }

    /** Contiguous host copy in the requested Java element type. */
    static Object toArray(Tensor t, DType as) {
        t.checkAlive("to array");
        int n = OpChecks.checkedArrayLength("to array", t.numel());
        Object array = switch (as) {
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
            case INT32 -> new int[n];
            case INT64 -> new long[n];
            case BOOL -> new boolean[n];
        };
        if (t.dtype() == as && t.isContiguous()) {
            t.backend().copyToHost(t.strided(), array);
            return array;
        }
        try (Scope scope = Scope.open()) {
            Tensor converted = ElementwiseOps.cast(t, as, true);
            t.backend().copyToHost(converted.strided(), array);
        }
        return array;
    }

    static Tensor transfer(Tensor t, Backend target) {
        t.checkAlive("to");
        if (target == t.backend()) {
            return t.alias();
        }
        Object host = toArray(t, t.dtype());
        return ViewGrads.transfer(t, fromArray(target, host, OpChecks.checkedArrayLength("to", t.numel()), t.dtype(), t.shape()));
    }
}
