package dev.ithaca.models;

import dev.ithaca.memory.Scope;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.loss.CrossEntropyLoss;
import dev.ithaca.nn.loss.Loss;
import dev.ithaca.optim.AdamW;
import dev.ithaca.optim.SGD;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Optimizer;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each model learns a small synthetic task, driven only through Module, Loss and Optimizer as a trainer would. */
class TrainingSmokeTest {
    private static final int GPT_STEPS = 40;

    /** The loss before each of {@code steps} full-batch steps; everything a step makes is freed with its scope. */
    private static double[] train(Module model, Loss loss, Optimizer optimizer, Tensor x, Tensor y, int steps) {
        double[] losses = new double[steps];
        model.train();
        for (int step = 0; step < steps; step++) {
            try (Scope scope = Scope.open()) {
                optimizer.zeroGrad();
                Tensor value = loss.forward(model.forward(x), y);
                losses[step] = value.item();
                value.backward();
                optimizer.step();
            }
        }
        return losses;
    }

    @Test
    void mlpLearnsALinearlySeparableTask() {
        int n = 64;
        int features = 12;
        SplittableRandom random = new SplittableRandom(1);
        float[] x = new float[n * features];
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            double score = 0;
            for (int f = 0; f < features; f++) {
                x[i * features + f] = (float) random.nextDouble(-1, 1);
                score += (f % 2 == 0 ? 1 : -1) * x[i * features + f];
            }
            labels[i] = score > 0 ? 1 : 0;
        }
        try (Scope scope = Scope.open();
             Mlp mlp = Mlp.builder().inputFeatures(features).hiddenWidths(16).outputFeatures(2).dropout(0.1).seed(2).build()) {
            Optimizer sgd = SGD.builder().lr(0.5).build(mlp.parameters());
            double[] losses = train(mlp, new CrossEntropyLoss(), sgd, Tensor.of(x, n, features), Tensor.of(labels, n), 40);
            assertThat(losses[39]).isLessThan(0.5 * losses[0]);
        }
    }

    @Test
    void leNet5LearnsWhereTheBrightSquareIs() {
        int n = 16;
        float[] images = new float[n * 28 * 28];
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            int quadrant = i % 4;
            labels[i] = quadrant;
            int top = quadrant / 2 * 14 + 3 + i % 3;
            int left = quadrant % 2 * 14 + 3 + i % 2;
            for (int r = top; r < top + 6; r++) {
                for (int c = left; c < left + 6; c++) {
                    images[i * 784 + r * 28 + c] = 1;
                }
            }
        }
        try (Scope scope = Scope.open(); LeNet5 model = LeNet5.builder().numClasses(4).seed(3).build()) {
            Optimizer sgd = SGD.builder().lr(0.3).build(model.parameters());
            double[] losses = train(model, new CrossEntropyLoss(), sgd, Tensor.of(images, n, 1, 28, 28), Tensor.of(labels, n), 20);
            assertThat(losses[0]).isCloseTo(Math.log(4), within(0.05));
            assertThat(losses[19]).isLessThan(0.2 * losses[0]);
        }
    }

    @Test
    void gptLearnsToContinueACountingSequence() {
        int vocab = 16;
        int batch = 8;
        int time = 8;
        long[] inputs = new long[batch * time];
        long[] targets = new long[batch * time];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                inputs[b * time + t] = (b * 3L + t) % vocab;
                targets[b * time + t] = (b * 3L + t + 1) % vocab;
            }
        }
        GptConfig config = GptConfig.of(vocab, time, 32, 1, 2).withDropout(0.1);
        try (Scope scope = Scope.open(); GptLanguageModel model = new GptLanguageModel(config, 4)) {
            Optimizer adamw = AdamW.builder().lr(1e-2).build(model.parameters());
            double[] losses = train(model, new NextTokenLoss(), adamw, Tensor.of(inputs, batch, time),
                    Tensor.of(targets, batch, time), GPT_STEPS);
            assertThat(losses[0]).as("a fresh model guesses uniformly").isCloseTo(Math.log(vocab), within(0.1));
            assertThat(losses[GPT_STEPS - 1]).isLessThan(0.2 * losses[0]);
            assertThat(model.generate(new long[] {5, 6, 7}, 4, Sampling.greedy(), null)).containsExactly(5, 6, 7, 8, 9, 10, 11);
        }
    }
}
