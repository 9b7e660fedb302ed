package dev.ithaca.models;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.memory.Scope;
import dev.ithaca.nn.Dropout;
import dev.ithaca.nn.Linear;
import dev.ithaca.random.Generator;
import dev.ithaca.tck.Reference;
import dev.ithaca.tck.nn.NnReference;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import static dev.ithaca.tck.Approx.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MlpTest {

    private static Mlp.Builder fashionMnist() {
        return Mlp.builder().inputFeatures(784).hiddenWidths(32, 16).outputFeatures(10).seed(1);
    }

    @Test
    void imagesAreFlattenedFromDimensionOne() {
        try (Scope scope = Scope.open(); Mlp mlp = fashionMnist().build()) {
            Tensor images = ModelTesting.floats(1, 4, 1, 28, 28);
            Tensor flat = ModelTesting.floats(1, 4, 784);
            assertThat(mlp.forward(images).shape()).containsExactly(4, 10);
            assertThat(mlp.forward(images).toFloatArray()).containsExactly(mlp.forward(flat).toFloatArray());
        }
    }

    @Test
    void parameterCountMatchesTheLayerSizes() {
        try (Mlp mlp = fashionMnist().build()) {
            // 784*32 + 32 + 32*16 + 16 + 16*10 + 10 = 25088 + 32 + 512 + 16 + 160 + 10
            assertThat(mlp.parameterCount()).isEqualTo(25_818);
        }
        try (Mlp noBias = fashionMnist().bias(false).build()) {
            // 784*32 + 32*16 + 16*10
            assertThat(noBias.parameterCount()).isEqualTo(25_760);
        }
        try (Mlp linear = Mlp.builder().inputFeatures(784).outputFeatures(10).build()) {
            // no hidden layer: one Linear, 784*10 + 10
            assertThat(linear.parameterCount()).isEqualTo(7_850);
            assertThat(linear.namedParameters().keySet()).containsExactly("layers.0.weight", "layers.0.bias");
        }
    }

    @Test
    void parameterNamesDoNotDependOnActivationOrDropout() {
        List<String> expected = List.of("layers.0.weight", "layers.0.bias", "layers.3.weight", "layers.3.bias",
                "layers.6.weight", "layers.6.bias");
        try (Mlp plain = fashionMnist().build();
             Mlp other = fashionMnist().activation(Activation.TANH).dropout(0.5).build()) {
            assertThat(plain.namedParameters().keySet()).containsExactlyElementsOf(expected);
            assertThat(other.namedParameters().keySet()).containsExactlyElementsOf(expected);
            assertThat(plain.linearLayers()).extracting(Linear::outFeatures).containsExactly(32, 16, 10);
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void forwardMatchesThePlainJavaReference(Activation activation) {
        try (Scope scope = Scope.open();
             Mlp mlp = Mlp.builder().inputFeatures(5).hiddenWidths(4, 3).outputFeatures(2).activation(activation).seed(3).build()) {
            mlp.to(DType.FLOAT64);
            Tensor x = ModelTesting.doubles(7, 6, 5);
            double[] expected = x.toDoubleArray();
            int width = 5;
            List<Linear> linears = mlp.linearLayers();
            for (int i = 0; i < linears.size(); i++) {
                Linear linear = linears.get(i);
                expected = NnReference.linear(expected, 6, width, linear.weight().toDoubleArray(),
                        linear.bias().orElseThrow().toDoubleArray(), linear.outFeatures());
                if (i < linears.size() - 1) {
                    expected = Reference.map(expected, reference(activation));
                }
                width = linear.outFeatures();
            }
            assertClose(mlp.forward(x).toDoubleArray(), expected, 1e-12);
        }
    }

    private static DoubleUnaryOperator reference(Activation activation) {
        return switch (activation) {
            case RELU -> v -> Math.max(0, v);
            case GELU -> NnReference::geluExact;
            case TANH -> Math::tanh;
            case SILU -> v -> v / (1 + Math.exp(-v));
            case SIGMOID -> v -> 1 / (1 + Math.exp(-v));
        };
    }

    @Test
    void everyActivationGivesDifferentOutputs() {
        try (Scope scope = Scope.open()) {
            Tensor x = ModelTesting.floats(2, 3, 784);
            List<float[]> outputs = new java.util.ArrayList<>();
            for (Activation activation : Activation.values()) {
                try (Mlp mlp = fashionMnist().activation(activation).build()) {
                    outputs.add(mlp.forward(x).toFloatArray());
                }
            }
            for (int i = 0; i < outputs.size(); i++) {
                for (int j = i + 1; j < outputs.size(); j++) {
                    assertThat(outputs.get(i)).as("%s vs %s", Activation.values()[i], Activation.values()[j])
                            .isNotEqualTo(outputs.get(j));
                }
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameModelAndAnotherSeedAnother() {
        try (Scope scope = Scope.open();
             Mlp a = fashionMnist().seed(11).build();
             Mlp b = fashionMnist().generator(new Generator(11)).build();
             Mlp c = fashionMnist().seed(12).build()) {
            assertThat(ModelTesting.weights(a)).usingRecursiveComparison().isEqualTo(ModelTesting.weights(b));
            Tensor x = ModelTesting.floats(3, 2, 784);
            assertThat(a.forward(x).toFloatArray()).containsExactly(b.forward(x).toFloatArray());
            assertThat(a.forward(x).toFloatArray()).isNotEqualTo(c.forward(x).toFloatArray());
        }
    }

    @Test
    void dropoutActsOnlyInTrainingMode() {
        try (Scope scope = Scope.open();
             Mlp withDropout = fashionMnist().dropout(0.5).build();
             Mlp without = fashionMnist().build()) {
            Tensor x = ModelTesting.floats(4, 8, 784);
            // dropout draws nothing at construction, so both start from the same weights
            withDropout.eval();
            assertThat(withDropout.forward(x).toFloatArray()).containsExactly(without.forward(x).toFloatArray());

            withDropout.train();
            float[] first = withDropout.forward(x).toFloatArray();
            float[] second = withDropout.forward(x).toFloatArray();
            assertThat(first).isNotEqualTo(without.forward(x).toFloatArray());
            assertThat(second).as("a new mask each step").isNotEqualTo(first);

            withDropout.manualSeed(5);
            float[] seeded = withDropout.forward(x).toFloatArray();
            withDropout.manualSeed(5);
            assertThat(withDropout.forward(x).toFloatArray()).as("masks follow the seed").containsExactly(seeded);
            assertThat(withDropout.namedModules().values()).filteredOn(Dropout.class::isInstance).hasSize(2)
                    .allSatisfy(m -> assertThat(((Dropout) m).p()).isEqualTo(0.5));
        }
    }

    @Test
    void withoutBiasAZeroInputGivesZeroOutput() {
        try (Scope scope = Scope.open(); Mlp mlp = fashionMnist().activation(Activation.TANH).bias(false).build()) {
            assertThat(mlp.namedParameters().keySet()).noneMatch(name -> name.endsWith("bias"));
            assertThat(mlp.forward(Tensor.zeros(2, 784)).toFloatArray()).containsOnly(0f);
        }
    }

    @Test
    void badOptionsAreRejectedWithTheirValue() {
        assertThatThrownBy(() -> Mlp.builder().outputFeatures(10).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Mlp: inputFeatures must be >= 1, got 0");
        assertThatThrownBy(() -> Mlp.builder().inputFeatures(4).outputFeatures(-2).build())
                .hasMessage("Mlp: outputFeatures must be >= 1, got -2");
        assertThatThrownBy(() -> Mlp.builder().inputFeatures(4).hiddenWidths(8, 0).outputFeatures(2).build())
                .hasMessage("Mlp: hiddenWidths[1] must be >= 1, got 0");
        assertThatThrownBy(() -> Mlp.builder().inputFeatures(4).outputFeatures(2).dropout(1).build())
                .hasMessage("Mlp: dropout must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> Mlp.builder().inputFeatures(4).outputFeatures(2).dropout(Double.NaN).build())
                .hasMessageContaining("dropout must be in [0, 1), got NaN");
        assertThatThrownBy(() -> Mlp.builder().inputFeatures(4).outputFeatures(2).activation(null).build())
                .hasMessageContaining("activation");
    }

    @Test
    void badInputsAreRejectedWithTheirShape() {
        try (Scope scope = Scope.open(); Mlp mlp = fashionMnist().build()) {
            assertThatThrownBy(() -> mlp.forward(ModelTesting.floats(1, 784)))
                    .hasMessageContaining("got shape [784]").hasMessageContaining("unsqueeze(0)");
            assertThatThrownBy(() -> mlp.forward(ModelTesting.floats(1, 2, 1, 32, 32)))
                    .hasMessageContaining("[2, 1, 32, 32] has 1024 features").hasMessageContaining("inputFeatures=784");
            assertThatThrownBy(() -> mlp.forward(Tensor.of(new long[784], 1, 784)))
                    .hasMessageContaining("floating-point");
        }
    }

    @Test
    void saveAndLoadRoundTripGivesIdenticalOutputs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mlp.safetensors");
        try (Scope scope = Scope.open(); Mlp trained = fashionMnist().seed(21).build(); Mlp fresh = fashionMnist().seed(22).build()) {
            trained.save(file);
            fresh.load(file);
            Tensor x = ModelTesting.floats(5, 3, 1, 28, 28);
            assertThat(fresh.forward(x).toFloatArray()).containsExactly(trained.forward(x).toFloatArray());
        }
    }

    @Test
    void aForwardPassLeavesNothingBehindOnceItsScopeCloses() {
        try (Mlp mlp = fashionMnist().dropout(0.2).build(); Tensor x = ModelTesting.floats(6, 16, 1, 28, 28)) {
            var backend = x.backend();
            long before = backend.memoryStats().liveBytes();
            for (int i = 0; i < 3; i++) {
                try (Scope step = Scope.open()) {
                    mlp.forward(x).sum().backward();
                }
                mlp.zeroGrad();
            }
            try (NoGrad ignored = NoGrad.enter()) {
                // without a scope: the intermediates are closed by the model, the result by the caller
                mlp.forward(x).close();
            }
            assertThat(backend.memoryStats().liveBytes()).isEqualTo(before);
        }
    }
}
