package dev.ithaca.cli.build;

import dev.ithaca.cli.CliException;
import dev.ithaca.cli.config.ModelConfig;
import dev.ithaca.models.GptConfig;
import dev.ithaca.models.GptLanguageModel;
import dev.ithaca.models.LeNet5;
import dev.ithaca.models.Mlp;
import dev.ithaca.nn.Flatten;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.Sequential;

import java.util.Arrays;

/** Builds the configured model sized for the data; {@code seed} fixes its initial weights. */
public final class ModelFactory {
    private ModelFactory() {
    }

    public static Module create(ModelConfig config, DataShape shape, long seed) {
        if (config instanceof ModelConfig.Mlp mlp) {
            Mlp model = Mlp.builder().inputFeatures(shape.flatFeatures()).hiddenWidths(mlp.hiddenSizes()).outputFeatures(shape.outputs())
                    .activation(mlp.activation()).dropout(mlp.dropout()).bias(mlp.bias()).seed(seed).build();
            // one regression output per example: [N, 1] -> [N], the shape of the targets
            return shape.kind() == DataShape.Kind.REGRESSION ? new Sequential(model, new Flatten(0, -1)) : model;
        }
        if (config instanceof ModelConfig.LeNet5 lenet) {
            long[] example = shape.exampleShape();
            if (example.length != 3 || example[1] != example[2] || (example[1] != 28 && example[1] != 32)) {
                throw CliException.usage("model.type lenet5 needs square 28x28 or 32x32 images [channels, height, width], but the"
                        + " data has examples of shape " + Arrays.toString(example) + "; use model type mlp");
            }
            return LeNet5.builder().inChannels((int) example[0]).inputSize((int) example[1]).numClasses(shape.outputs())
                    .activation(lenet.activation()).pooling(lenet.pooling()).seed(seed).build();
        }
        ModelConfig.Gpt gpt = (ModelConfig.Gpt) config;
        return new GptLanguageModel(gptConfig(gpt, shape.outputs()), seed);
    }

    /** The models module's config for a GPT of {@code vocabSize} tokens. */
    public static GptConfig gptConfig(ModelConfig.Gpt gpt, int vocabSize) {
        return new GptConfig(vocabSize, gpt.contextLength(), gpt.dModel(), gpt.numLayers(), gpt.numHeads(), gpt.dropout(),
                gpt.gelu(), gpt.bias());
    }
}
