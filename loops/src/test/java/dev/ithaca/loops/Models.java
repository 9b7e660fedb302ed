package dev.ithaca.loops;

import dev.ithaca.nn.Dropout;
import dev.ithaca.nn.Linear;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.Parameter;
import dev.ithaca.nn.ReLU;
import dev.ithaca.nn.Sequential;
import dev.ithaca.random.Generator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tiny models with seeded initialization, and ways to compare their weights and histories exactly. */
final class Models {
    private Models() {
    }

    static Sequential mlp(long seed, int in, int hidden, int out) {
        Generator init = new Generator(seed);
        return new Sequential(new Linear(in, hidden, init), new ReLU(), new Linear(hidden, out, init));
    }

    /** An MLP whose dropout is built unseeded: only {@code Trainer.seed} makes its masks reproducible. */
    static Sequential mlpWithDropout(long seed, int in, int hidden, int out, double p) {
        Generator init = new Generator(seed);
        return new Sequential(new Linear(in, hidden, init), new ReLU(), new Dropout(p), new Linear(hidden, out, init));
    }

    static Linear linear(long seed, int in, int out) {
        return new Linear(in, out, new Generator(seed));
    }

    /** Raw float bits of every parameter, in order. */
    static List<int[]> bits(Module model) {
        List<int[]> out = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            float[] values = p.toFloatArray();
            int[] bits = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                bits[i] = Float.floatToRawIntBits(values[i]);
            }
            out.add(bits);
        }
        return out;
    }

    /** True when both lists hold the same raw bits, parameter by parameter. */
    static boolean sameBits(List<int[]> a, List<int[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** History rows without the wall-clock entries, which differ between any two runs. */
    static List<Map<String, Double>> withoutTimings(History history) {
        List<Map<String, Double>> rows = new ArrayList<>();
        for (Map<String, Double> row : history.epochs()) {
            Map<String, Double> copy = new LinkedHashMap<>(row);
            copy.remove("epoch_seconds");
            copy.remove("samples_per_second");
            rows.add(copy);
        }
        return rows;
    }

    /** Every parameter value, flattened in order. */
    static float[] flat(Module model) {
        List<float[]> parts = new ArrayList<>();
        int n = 0;
        for (Parameter p : model.parameters()) {
            float[] values = p.toFloatArray();
            parts.add(values);
            n += values.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
