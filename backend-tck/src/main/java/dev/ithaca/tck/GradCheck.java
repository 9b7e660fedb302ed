package dev.ithaca.tck;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.memory.Scope;
import dev.ithaca.random.Generator;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Finite-difference gradient check in FLOAT64, as {@code torch.autograd.gradcheck}: the analytic
 * gradient from {@code backward()} must match central differences of the function. Non-scalar
 * outputs are reduced with fixed random weights, so every output element's gradient is exercised.
 */
public final class GradCheck {
    private static final double EPS = 1e-6;
    private static final double ATOL = 1e-5;
    private static final double RTOL = 1e-3;

    private GradCheck() {
    }

    /**
     * Checks {@code f}'s gradient with respect to every input at the given values.
     *
     * @param f      the function under test; it must only use tensor ops on its arguments
     * @param inputs FLOAT64 values at which to check; they are not modified
     * @throws AssertionError naming the input, element, analytic and numeric values on mismatch
     */
    public static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        try (Scope scope = Scope.open()) {
            Tensor[] leaves = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                if (inputs[i].dtype() != DType.FLOAT64) {
                    throw new IllegalArgumentException("GradCheck needs FLOAT64 inputs, input " + i + " is " + inputs[i].dtype());
                }
                leaves[i] = inputs[i].clone().requiresGrad(true);
            }
            Tensor output = f.apply(leaves);
            Tensor weights = Tensor.uniform(new Generator(1234), 0.5, 1.5, DType.FLOAT64, output.shape());
            output.mul(weights).sum().backward();
            for (int i = 0; i < inputs.length; i++) {
                double[] analytic = leaves[i].grad() == null ? new double[(int) inputs[i].numel()] : leaves[i].grad().toDoubleArray();
                double[] numeric = numericGradient(f, inputs, i, weights);
                compare(i, analytic, numeric);
            }
            for (Tensor leaf : leaves) {
                leaf.zeroGrad();
            }
        }
    }

    private static double[] numericGradient(Function<Tensor[], Tensor> f, Tensor[] inputs, int which, Tensor weights) {
        double[] base = inputs[which].toDoubleArray();
        double[] gradient = new double[base.length];
        long[] shape = inputs[which].shape();
        try (NoGrad ignored = NoGrad.enter()) {
            for (int j = 0; j < base.length; j++) {
                gradient[j] = (weightedSum(f, inputs, which, perturbed(base, j, EPS), shape, weights)
                        - weightedSum(f, inputs, which, perturbed(base, j, -EPS), shape, weights)) / (2 * EPS);
            }
        }
        return gradient;
    }

    private static double weightedSum(Function<Tensor[], Tensor> f, Tensor[] inputs, int which, double[] values,
                                      long[] shape, Tensor weights) {
        try (Scope scope = Scope.open()) {
            Tensor[] args = inputs.clone();
            args[which] = Tensor.of(values, shape);
            return f.apply(args).mul(weights).sum().item();
        }
    }

    private static double[] perturbed(double[] base, int index, double delta) {
        double[] copy = base.clone();
        copy[index] += delta;
        return copy;
    }

    private static void compare(int input, double[] analytic, double[] numeric) {
        for (int j = 0; j < numeric.length; j++) {
            double tolerance = ATOL + RTOL * Math.abs(numeric[j]);
            if (!(Math.abs(analytic[j] - numeric[j]) <= tolerance)) {
                throw new AssertionError("gradient of input " + input + " element " + j + ": analytic " + analytic[j]
                        + " vs numeric " + numeric[j] + "\nanalytic " + Arrays.toString(analytic)
                        + "\nnumeric  " + Arrays.toString(numeric));
            }
        }
    }
}
