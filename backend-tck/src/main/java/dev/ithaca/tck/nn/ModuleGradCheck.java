package dev.ithaca.tck.nn;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.memory.Scope;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.Parameter;
import dev.ithaca.random.Generator;
import dev.ithaca.tck.GradCheck;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;

/**
 * Finite-difference check of a whole module in FLOAT64: the input's gradient through
 * {@link GradCheck}, then every parameter's gradient from {@code backward()} against central
 * differences taken by nudging that parameter's elements in place. The module must be deterministic
 * across calls (no active dropout) and already converted to FLOAT64.
 */
public final class ModuleGradCheck {
    private static final double EPS = 1e-6;
    private static final double ATOL = 1e-5;
    private static final double RTOL = 1e-3;

    private ModuleGradCheck() {
    }

    /** Checks the input gradient (when the input is floating point) and every trainable parameter's. */
    public static void check(Module module, Tensor input) {
        if (input.dtype().isFloatingPoint()) {
            GradCheck.check(args -> module.forward(args[0]), input);
        }
        checkParameters(module, input);
    }

    /** Checks the gradient of every parameter that requires one. */
    public static void checkParameters(Module module, Tensor input) {
        if (module.parameters().stream().noneMatch(Tensor::requiresGrad)) {
            return;
        }
        try (Scope scope = Scope.open()) {
            module.zeroGrad();
            Tensor output = module.forward(input);
            Tensor weights = Tensor.uniform(new Generator(1234), 0.5, 1.5, DType.FLOAT64, output.shape());
            output.mul(weights).sum().backward();
            for (Map.Entry<String, Parameter> entry : module.namedParameters().entrySet()) {
                Parameter p = entry.getValue();
                if (!p.requiresGrad()) {
                    continue;
                }
                if (p.dtype() != DType.FLOAT64) {
                    throw new IllegalArgumentException("ModuleGradCheck needs FLOAT64 parameters; " + entry.getKey() + " is " + p.dtype());
                }
                double[] analytic = p.grad() == null ? new double[(int) p.numel()] : p.grad().toDoubleArray();
                compare(entry.getKey(), analytic, numericGradient(module, input, p, weights));
            }
            module.zeroGrad();
        }
    }

    private static double[] numericGradient(Module module, Tensor input, Parameter p, Tensor weights) {
        double[] base = p.toDoubleArray();
        double[] gradient = new double[base.length];
        try (NoGrad ignored = NoGrad.enter(); Scope scope = Scope.open()) {
            Tensor flat = p.reshape(-1);
            for (int j = 0; j < base.length; j++) {
                Tensor element = flat.narrow(0, j, 1);
                element.fill(base[j] + EPS);
                double plus = weightedSum(module, input, weights);
                element.fill(base[j] - EPS);
                double minus = weightedSum(module, input, weights);
                element.fill(base[j]);
                gradient[j] = (plus - minus) / (2 * EPS);
            }
        }
        return gradient;
    }

    private static double weightedSum(Module module, Tensor input, Tensor weights) {
        try (Scope scope = Scope.open()) {
            return module.forward(input).mul(weights).sum().item();
        }
    }

    private static void compare(String name, double[] analytic, double[] numeric) {
        for (int j = 0; j < numeric.length; j++) {
            if (!(Math.abs(analytic[j] - numeric[j]) <= ATOL + RTOL * Math.abs(numeric[j]))) {
                throw new AssertionError("gradient of parameter " + name + " element " + j + ": analytic " + analytic[j]
                        + " vs numeric " + numeric[j] + "\nanalytic " + Arrays.toString(analytic)
                        + "\nnumeric  " + Arrays.toString(numeric));
            }
        }
    }
}
