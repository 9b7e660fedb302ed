package dev.ithaca.backend.cuda;

import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;

import java.util.Arrays;

/** A tensor's values as raw bits, so comparisons are exact (NaN payloads and -0 included). */
final class TensorBits {
    private TensorBits() {
    }

    static long[] of(Tensor t) {
        if (t.dtype() == DType.FLOAT32) {
            float[] v = t.toFloatArray();
            long[] b = new long[v.length];
            for (int i = 0; i < v.length; i++) {
                b[i] = Float.floatToRawIntBits(v[i]);
            }
            return b;
        }
        if (t.dtype() == DType.FLOAT64) {
            return Arrays.stream(t.toDoubleArray()).mapToLong(Double::doubleToRawLongBits).toArray();
        }
        return t.toLongArray();
    }
}
