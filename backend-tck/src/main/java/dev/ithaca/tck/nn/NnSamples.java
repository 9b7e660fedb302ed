package dev.ithaca.tck.nn;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.Parameter;
import dev.ithaca.tck.Samples;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;

import java.util.Map;

/** Test inputs and parameter values for the layer conformance classes. */
public final class NnSamples {
    private NnSamples() {
    }

    /** FLOAT64 values uniform in [-2, 2) of the given shape. */
    public static Tensor doubles(long seed, long... shape) {
        return Samples.tensor(DType.FLOAT64, Samples.floats(seed, (int) Samples.numel(shape), -2, 2), shape);
    }

    /** Overwrites every parameter with values uniform in [lo, hi) (so tests do not rely on the default init). */
    public static void randomize(Module module, long seed, double lo, double hi) {
        try (NoGrad ignored = NoGrad.enter()) {
            long s = seed;
            for (Map.Entry<String, Parameter> entry : module.namedParameters().entrySet()) {
                Parameter p = entry.getValue();
                try (Tensor values = Samples.tensor(p.dtype(), Samples.floats(s++, (int) p.numel(), lo, hi), p.shape())) {
                    p.copyFrom(values);
                }
            }
        }
    }

    /** The parameter's values as doubles. */
    public static double[] values(Module module, String name) {
        Parameter p = module.namedParameters().get(name);
        if (p == null) {
            throw new IllegalArgumentException("test bug: no parameter " + name + " in " + module.namedParameters().keySet());
        }
        return p.toDoubleArray();
    }
}
