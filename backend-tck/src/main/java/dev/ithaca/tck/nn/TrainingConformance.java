package dev.ithaca.tck.nn;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.memory.Scope;
import dev.ithaca.nn.Linear;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.Parameter;
import dev.ithaca.nn.Sequential;
import dev.ithaca.nn.Tanh;
import dev.ithaca.nn.loss.CrossEntropyLoss;
import dev.ithaca.random.Generator;
import dev.ithaca.tck.BackendConformanceTest;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proof that the pieces train together: an MLP learns the two-spirals problem (not linearly
 * separable) with plain full-batch gradient descent written here, deterministically from a seed.
 */
public abstract class TrainingConformance extends BackendConformanceTest {
    private static final int POINTS_PER_CLASS = 150;

    @Test
    void mlpLearnsTwoSpiralsWithPlainGradientDescent() {
        double[] first = trainSpirals();
        assertThat(first[0]).as("training accuracy").isGreaterThanOrEqualTo(0.95);
        assertThat(first[1]).as("final loss").isLessThan(0.2);
        double[] second = trainSpirals();
        assertThat(second).as("same seed, same result").containsExactly(first);
    }

    /** Returns {accuracy, final loss}. */
    private static double[] trainSpirals() {
        Tensor[] data = twoSpirals(new Generator(7));
        Module model = new Sequential(new Linear(2, 48, new Generator(1)), new Tanh(),
                new Linear(48, 48, new Generator(2)), new Tanh(), new Linear(48, 2, new Generator(3)));
        CrossEntropyLoss lossFunction = new CrossEntropyLoss();
        double loss = Double.NaN;
        for (int step = 0; step < 1500; step++) {
            try (Scope scope = Scope.open()) {
                model.zeroGrad();
                Tensor lossTensor = lossFunction.forward(model.forward(data[0]), data[1]);
                lossTensor.backward();
                loss = lossTensor.item();
                try (NoGrad ignored = NoGrad.enter()) {
                    for (Parameter p : model.parameters()) {
                        p.copyFrom(p.sub(p.grad().mul(0.5)));
                    }
                }
            }
        }
        try (Scope scope = Scope.open(); NoGrad ignored = NoGrad.enter()) {
            Tensor predicted = model.forward(data[0]).argmax(1, false);
            double accuracy = predicted.eq(data[1]).to(dev.ithaca.tensor.DType.FLOAT32).mean().item();
            model.close();
            return new double[] {accuracy, loss};
        }
    }

    /** Two interleaved spirals of noisy points: inputs [2n, 2] and INT64 labels [2n]. */
    private static Tensor[] twoSpirals(Generator generator) {
        int n = POINTS_PER_CLASS;
        float[] noise = Tensor.normal(generator, 0, 0.1, dev.ithaca.tensor.DType.FLOAT32, 2 * n, 2).toFloatArray();
        float[] points = new float[4 * n];
        long[] labels = new long[2 * n];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < n; i++) {
                int row = c * n + i;
                double t = 0.25 + 2.75 * Math.PI * i / n;
                double radius = t / (3 * Math.PI);
                double angle = t + c * Math.PI;
                points[2 * row] = (float) (radius * Math.cos(angle) * 2) + noise[2 * row] * (float) radius;
                points[2 * row + 1] = (float) (radius * Math.sin(angle) * 2) + noise[2 * row + 1] * (float) radius;
                labels[row] = c;
            }
        }
        return new Tensor[] {Tensor.of(points, 2L * n, 2), Tensor.of(labels, 2L * n)};
    }
}
