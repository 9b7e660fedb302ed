package dev.ithaca.models;

import dev.ithaca.memory.Scope;
import dev.ithaca.nn.AvgPool2d;
import dev.ithaca.nn.MaxPool2d;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.Sequential;
import dev.ithaca.tck.Reference;
import dev.ithaca.tck.nn.NnReference;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.function.DoubleUnaryOperator;

import static dev.ithaca.tck.Approx.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeNet5Test {

    @Test
    void classifiesFashionMnistSizedImages() {
        try (Scope scope = Scope.open(); LeNet5 model = LeNet5.builder().seed(1).build()) {
            assertThat(model.forward(ModelTesting.floats(1, 3, 1, 28, 28)).shape()).containsExactly(3, 10);
        }
        try (Scope scope = Scope.open(); LeNet5 model = LeNet5.builder().inputSize(32).inChannels(3).numClasses(7).seed(1).build()) {
            assertThat(model.forward(ModelTesting.floats(1, 2, 3, 32, 32)).shape()).containsExactly(2, 7);
        }
    }

    @Test
    void parameterCountIsTheClassic61706() {
        try (LeNet5 model = LeNet5.builder().build()) {
            // conv1 6*1*5*5 + 6 = 156; conv2 16*6*5*5 + 16 = 2416; fc1 400*120 + 120 = 48120;
            // fc2 120*84 + 84 = 10164; fc3 84*10 + 10 = 850; 156 + 2416 + 48120 + 10164 + 850 = 61706
            assertThat(model.parameterCount()).isEqualTo(61_706);
            assertThat(model.namedParameters().keySet()).containsExactly("features.0.weight", "features.0.bias",
                    "features.3.weight", "features.3.bias", "classifier.0.weight", "classifier.0.bias",
                    "classifier.2.weight", "classifier.2.bias", "classifier.4.weight", "classifier.4.bias");
        }
        try (LeNet5 model = LeNet5.builder().inChannels(3).numClasses(5).inputSize(32).build()) {
            // conv1 6*3*5*5 + 6 = 456; fc3 84*5 + 5 = 425; the rest as above: 456 + 2416 + 48120 + 10164 + 425
            assertThat(model.parameterCount()).isEqualTo(61_581);
        }
    }

    @ParameterizedTest
    @CsvSource({"28, RELU, MAX", "32, TANH, AVG", "28, SIGMOID, AVG"})
    void forwardMatchesThePlainJavaReference(int size, Activation activation, Pooling pooling) {
        int batch = 2;
        try (Scope scope = Scope.open();
             LeNet5 model = LeNet5.builder().inChannels(2).numClasses(4).inputSize(size).activation(activation)
                     .pooling(pooling).seed(5).build()) {
            model.to(DType.FLOAT64);
            Tensor x = ModelTesting.doubles(9, batch, 2, size, size);
            DoubleUnaryOperator act = activation == Activation.RELU ? v -> Math.max(0, v)
                    : activation == Activation.TANH ? Math::tanh : v -> 1 / (1 + Math.exp(-v));
            long[] shape = x.shape();
            double[] y = x.toDoubleArray();
            // the layout under test: padding 2 only for 28x28 inputs, so both sizes reach 16x5x5
            y = NnReference.conv2d(y, shape, values(model, "features.0.weight"), 6, values(model, "features.0.bias"),
                    NnReference.ConvSpec.square(5, 1, size == 28 ? 2 : 0, 1, 1));
            shape = new long[] {batch, 6, 28, 28};
            y = pool(Reference.map(y, act), shape, pooling);
            shape = new long[] {batch, 6, 14, 14};
            y = NnReference.conv2d(y, shape, values(model, "features.3.weight"), 16, values(model, "features.3.bias"),
                    NnReference.ConvSpec.square(5, 1, 0, 1, 1));
            shape = new long[] {batch, 16, 10, 10};
            y = pool(Reference.map(y, act), shape, pooling);
            y = Reference.map(NnReference.linear(y, batch, 400, values(model, "classifier.0.weight"),
                    values(model, "classifier.0.bias"), 120), act);
            y = Reference.map(NnReference.linear(y, batch, 120, values(model, "classifier.2.weight"),
                    values(model, "classifier.2.bias"), 84), act);
            y = NnReference.linear(y, batch, 84, values(model, "classifier.4.weight"), values(model, "classifier.4.bias"), 4);
            assertClose(model.forward(x).toDoubleArray(), y, 1e-11);
        }
    }

    private static double[] values(Module model, String name) {
        return model.namedParameters().get(name).toDoubleArray();
    }

    /** 2x2, stride 2 max or mean pooling of [N, C, H, W] written out per window. */
    private static double[] pool(double[] x, long[] shape, Pooling pooling) {
        int n = (int) shape[0], c = (int) shape[1], h = (int) shape[2], w = (int) shape[3];
        double[] y = new double[n * c * (h / 2) * (w / 2)];
        int out = 0;
        for (int plane = 0; plane < n * c; plane++) {
            for (int oy = 0; oy < h / 2; oy++) {
                for (int ox = 0; ox < w / 2; ox++) {
                    double max = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    for (int k = 0; k < 4; k++) {
                        double v = x[plane * h * w + (2 * oy + k / 2) * w + 2 * ox + k % 2];
                        max = Math.max(max, v);
                        sum += v;
                    }
                    y[out++] = pooling == Pooling.MAX ? max : sum / 4;
                }
            }
        }
        return y;
    }

    @Test
    void eachOptionChangesTheModel() {
        try (Scope scope = Scope.open();
             LeNet5 relu = LeNet5.builder().seed(4).build();
             LeNet5 tanh = LeNet5.builder().activation(Activation.TANH).seed(4).build();
             LeNet5 average = LeNet5.builder().pooling(Pooling.AVG).seed(4).build()) {
            Tensor x = ModelTesting.floats(2, 2, 1, 28, 28);
            float[] reference = relu.forward(x).toFloatArray();
            assertThat(tanh.forward(x).toFloatArray()).isNotEqualTo(reference);
            assertThat(average.forward(x).toFloatArray()).isNotEqualTo(reference);
            assertThat(((Sequential) relu.namedChildren().get("features")).get(2)).isInstanceOf(MaxPool2d.class);
            assertThat(((Sequential) average.namedChildren().get("features")).get(5)).isInstanceOf(AvgPool2d.class);
            assertThat(ModelTesting.weights(tanh)).as("activation and pooling do not change the initialization")
                    .usingRecursiveComparison().isEqualTo(ModelTesting.weights(relu));
        }
    }

    @Test
    void theSameSeedGivesTheSameModelAndAnotherSeedAnother() {
        try (Scope scope = Scope.open();
             LeNet5 a = LeNet5.builder().seed(8).build();
             LeNet5 b = LeNet5.builder().seed(8).build();
             LeNet5 c = LeNet5.builder().seed(9).build()) {
            Tensor x = ModelTesting.floats(3, 2, 1, 28, 28);
            assertThat(a.forward(x).toFloatArray()).containsExactly(b.forward(x).toFloatArray());
            assertThat(a.forward(x).toFloatArray()).isNotEqualTo(c.forward(x).toFloatArray());
        }
    }

    @Test
    void wrongImagesAreRejectedWithTheExpectedShape() {
        try (Scope scope = Scope.open(); LeNet5 model = LeNet5.builder().build()) {
            assertThatThrownBy(() -> model.forward(ModelTesting.floats(1, 2, 1, 32, 32)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("LeNet5: expected images [N, 1, 28, 28], got shape [2, 1, 32, 32];"
                            + " build the model with inputSize(32) for these images");
            assertThatThrownBy(() -> model.forward(ModelTesting.floats(1, 2, 3, 28, 28)))
                    .hasMessage("LeNet5: expected images [N, 1, 28, 28], got shape [2, 3, 28, 28]");
            assertThatThrownBy(() -> model.forward(ModelTesting.floats(1, 2, 784)))
                    .hasMessageContaining("got shape [2, 784]");
        }
    }

    @Test
    void badOptionsAreRejectedWithTheirValue() {
        assertThatThrownBy(() -> LeNet5.builder().inputSize(30).build())
                .hasMessage("LeNet5: inputSize must be 28 (padded first convolution, e.g. MNIST) or 32 (the original layout), got 30");
        assertThatThrownBy(() -> LeNet5.builder().numClasses(0).build()).hasMessage("LeNet5: numClasses must be >= 1, got 0");
        assertThatThrownBy(() -> LeNet5.builder().inChannels(-1).build()).hasMessage("LeNet5: inChannels must be >= 1, got -1");
        assertThatThrownBy(() -> LeNet5.builder().pooling(null).build()).hasMessageContaining("pooling");
        assertThatThrownBy(() -> LeNet5.builder().activation(null).build()).hasMessageContaining("activation");
    }

    @Test
    void saveAndLoadRoundTripGivesIdenticalOutputs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lenet.safetensors");
        try (Scope scope = Scope.open(); LeNet5 saved = LeNet5.builder().seed(1).build(); LeNet5 loaded = LeNet5.builder().seed(2).build()) {
            saved.save(file);
            loaded.load(file);
            Tensor x = ModelTesting.floats(4, 2, 1, 28, 28);
            assertThat(loaded.forward(x).toFloatArray()).containsExactly(saved.forward(x).toFloatArray());
        }
    }
}
