package dev.ithaca.models;

import dev.ithaca.memory.Scope;
import dev.ithaca.nn.loss.CrossEntropyLoss;
import dev.ithaca.nn.loss.Reduction;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class NextTokenLossTest {
    private static final int B = 2;
    private static final int T = 3;
    private static final int V = 4;

    /** -log softmax(logits[b, t])[target] written out. */
    private static double[] perPosition(double[] logits, long[] targets) {
        double[] losses = new double[B * T];
        for (int row = 0; row < B * T; row++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < V; v++) {
                max = Math.max(max, logits[row * V + v]);
            }
            double total = 0;
            for (int v = 0; v < V; v++) {
                total += Math.exp(logits[row * V + v] - max);
            }
            losses[row] = -(logits[row * V + (int) targets[row]] - max - Math.log(total));
        }
        return losses;
    }

    @Test
    void isTheMeanCrossEntropyOverEveryPosition() {
        try (Scope scope = Scope.open()) {
            Tensor logits = ModelTesting.doubles(1, B, T, V);
            long[] targets = {0, 3, 2, 1, 1, 0};
            double[] expected = perPosition(logits.toDoubleArray(), targets);
            double mean = java.util.Arrays.stream(expected).average().orElseThrow();
            assertThat(new NextTokenLoss().forward(logits, Tensor.of(targets, B, T)).item()).isCloseTo(mean, within(1e-12));

            Tensor none = new NextTokenLoss(CrossEntropyLoss.builder().reduction(Reduction.NONE).build())
                    .forward(logits, Tensor.of(targets, B, T));
            assertThat(none.shape()).containsExactly(B, T);
            assertThat(none.toDoubleArray()).containsExactly(expected, within(1e-12));
        }
    }

    @Test
    void ignoredTargetsCountForNothing() {
        try (Scope scope = Scope.open()) {
            Tensor logits = ModelTesting.doubles(2, B, T, V);
            long[] targets = {0, 3, -1, 1, -1, 0};
            double[] losses = perPosition(logits.toDoubleArray(), new long[] {0, 3, 0, 1, 0, 0});
            double expected = (losses[0] + losses[1] + losses[3] + losses[5]) / 4;
            assertThat(new NextTokenLoss(-1).forward(logits, Tensor.of(targets, B, T)).item()).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void gradientsFlowBackToTheLogits() {
        try (Scope scope = Scope.open()) {
            Tensor logits = ModelTesting.floats(3, B, T, V).requiresGrad(true);
            new NextTokenLoss().forward(logits, Tensor.of(new long[] {0, 1, 2, 3, 0, 1}, B, T)).backward();
            assertThat(logits.grad().shape()).containsExactly(B, T, V);
            // d(mean CE)/d logits sums to zero over the vocabulary at every position
            assertThat(logits.grad().sum(2).toFloatArray()).containsExactly(new float[B * T], within(1e-6f));
        }
    }

    @Test
    void mismatchedShapesNameBoth() {
        try (Scope scope = Scope.open()) {
            assertThatThrownBy(() -> new NextTokenLoss().forward(Tensor.zeros(B, T, V), Tensor.of(new long[B * 2], B, 2)))
                    .hasMessage("NextTokenLoss: expected logits [B, T, V] and targets [B, T], got logits [2, 3, 4] and targets [2, 2]");
            assertThatThrownBy(() -> new NextTokenLoss().forward(Tensor.zeros(B * T, V), Tensor.of(new long[B * T], B * T)))
                    .hasMessageContaining("got logits [6, 4] and targets [6]");
        }
    }
}
