package dev.ithaca.verify;

import dev.ithaca.metrics.Accuracy;
import dev.ithaca.metrics.ConfusionMatrix;
import dev.ithaca.tensor.Tensor;

import java.util.Arrays;

/** Accuracy and a confusion matrix over logits whose arg-max is known: 3 of 4 right. */
public final class MetricsCheck {
    public static void main(String[] args) {
        InstallCheck.run("ithaca-metrics",
                new String[]{"dev.ithaca.metrics.Accuracy", "dev.ithaca.metrics.ConfusionMatrix",
                        "dev.ithaca.metrics.F1Score", "dev.ithaca.metrics.Perplexity"},
                MetricsCheck::check);
    }

    private static String check() {
        Tensor logits = Tensor.of(new float[]{
                2, 1, 0,      // predicts 0, target 0
                0, 3, 1,      // predicts 1, target 1
                1, 0, 0.5f,   // predicts 0, target 2
                0, 0, 4},     // predicts 2, target 2
                4, 3);
        Tensor targets = Tensor.of(new long[]{0, 1, 2, 2}, 4);
        Accuracy accuracy = Accuracy.multiclass(3);
        accuracy.update(logits, targets);
        double value = accuracy.compute();
        InstallCheck.expectClose("accuracy", 0.75, value, 1e-12);
        accuracy.reset();
        accuracy.update(logits.narrow(0, 3, 1), targets.narrow(0, 3, 1));
        InstallCheck.expectClose("accuracy after reset", 1.0, accuracy.compute(), 1e-12);

        ConfusionMatrix confusion = ConfusionMatrix.multiclass(3);
        confusion.update(logits, targets);
        long[][] matrix = confusion.compute();
        long[][] expected = {{1, 0, 0}, {0, 1, 0}, {1, 0, 1}};
        InstallCheck.expect("confusion matrix " + Arrays.deepToString(expected) + ", got " + Arrays.deepToString(matrix),
                Arrays.deepEquals(expected, matrix));
        return "accuracy " + value + ", confusion " + Arrays.deepToString(matrix);
    }
}
