package dev.ithaca.models;

import dev.ithaca.nn.Module;
import dev.ithaca.tck.Samples;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the model tests share: inputs and weight snapshots. */
final class ModelTesting {
    private ModelTesting() {
    }

    /** FLOAT32 values uniform in [-1, 1), independent of the backend's generator. */
    static Tensor floats(long seed, long... shape) {
        return Samples.tensor(DType.FLOAT32, Samples.floats(seed, (int) Samples.numel(shape), -1, 1), shape);
    }

    /** FLOAT64 values uniform in [-1, 1). */
    static Tensor doubles(long seed, long... shape) {
        return Samples.tensor(DType.FLOAT64, Samples.floats(seed, (int) Samples.numel(shape), -1, 1), shape);
    }

    /** Every parameter's values by name, copied to the heap. */
    static Map<String, float[]> weights(Module model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> out.put(name, p.toFloatArray()));
        return out;
    }
}
