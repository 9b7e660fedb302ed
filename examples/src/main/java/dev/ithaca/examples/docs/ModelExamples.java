package dev.ithaca.examples.docs;

import dev.ithaca.memory.Scope;
import dev.ithaca.models.Activation;
import dev.ithaca.models.GptConfig;
import dev.ithaca.models.GptLanguageModel;
import dev.ithaca.models.LeNet5;
import dev.ithaca.models.Mlp;
import dev.ithaca.models.NextTokenLoss;
import dev.ithaca.models.Sampling;
import dev.ithaca.optim.AdamW;
import dev.ithaca.random.Generator;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Optimizer;

/** docs/modules/models.md: the reference architectures. */
public final class ModelExamples {
    private ModelExamples() {
    }

    /** Returns the output shapes of the MLP and LeNet-5 on a batch of 8 images. */
    static long[][] classifiers() {
        // --8<-- [start:classifiers]
        Mlp mlp = Mlp.builder().inputFeatures(28 * 28).hiddenWidths(256, 128).outputFeatures(10)
                .activation(Activation.RELU).dropout(0.1).seed(42).build();
        LeNet5 lenet = LeNet5.builder().numClasses(10).seed(42).build();
        Tensor images = Tensor.randn(new Generator(0), 8, 1, 28, 28);   // [batch, channels, height, width]
        Tensor mlpLogits = mlp.forward(images.reshape(8, 28 * 28));     // the MLP takes flat pixels
        Tensor lenetLogits = lenet.forward(images);                      // [8, 10]
        System.out.println(mlp.parameterCount() + " and " + lenet.parameterCount() + " parameters");
        // --8<-- [end:classifiers]
        long[][] shapes = {mlpLogits.shape(), lenetLogits.shape()};
        mlp.close();
        lenet.close();
        return shapes;
    }

    /** A few AdamW steps of a tiny GPT on a repeated token pattern; returns the first and last loss and a sample. */
    static Object[] languageModel(int steps) {
        // --8<-- [start:gpt]
        GptConfig config = GptConfig.of(32, 16, 32, 2, 4)   // vocab, context, d_model, layers, heads
                .withDropout(0.0);
        GptLanguageModel model = new GptLanguageModel(config, 42);
        Optimizer optimizer = AdamW.builder().lr(3e-3).weightDecay(0.1).build(model.parameters());
        NextTokenLoss lossFunction = new NextTokenLoss();        // cross-entropy over [batch, time, vocab]

        long[] pattern = new long[4 * 17];                        // 4 rows of 17 tokens: 0 1 2 ... 7 0 1 ...
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = i % 8;
        }
        Tensor rows = Tensor.of(pattern, 4, 17);
        Tensor inputs = rows.narrow(1, 0, 16);                    // tokens t
        Tensor targets = rows.narrow(1, 1, 16);                   // tokens t + 1
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < steps; step++) {
            try (Scope scope = Scope.open()) {
                optimizer.zeroGrad();
                Tensor loss = lossFunction.forward(model.forward(inputs), targets);
                loss.backward();
                optimizer.step();
                last = loss.item();
                first = step == 0 ? last : first;
            }
        }
        // greedy decoding with a KV cache, in evaluation mode; returns the prompt and 8 new tokens
        long[] continuation = model.generate(new long[]{0, 1, 2}, 8, Sampling.greedy(), new Generator(1));
        // --8<-- [end:gpt]
        model.close();
        return new Object[]{first, last, continuation};
    }

    public static void main(String[] args) {
        classifiers();
        Object[] lm = languageModel(60);
        System.out.println("loss " + lm[0] + " -> " + lm[1] + ", sample " + java.util.Arrays.toString((long[]) lm[2]));
    }
}
