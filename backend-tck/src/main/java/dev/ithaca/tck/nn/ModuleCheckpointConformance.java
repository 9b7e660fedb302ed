package dev.ithaca.tck.nn;

import dev.ithaca.io.SafeTensors;
import dev.ithaca.nn.AdaptiveAvgPool2d;
import dev.ithaca.nn.AvgPool2d;
import dev.ithaca.nn.BatchNorm1d;
import dev.ithaca.nn.BatchNorm2d;
import dev.ithaca.nn.CausalSelfAttention;
import dev.ithaca.nn.Conv2d;
import dev.ithaca.nn.Dropout;
import dev.ithaca.nn.Embedding;
import dev.ithaca.nn.Flatten;
import dev.ithaca.nn.GELU;
import dev.ithaca.nn.LayerNorm;
import dev.ithaca.nn.Linear;
import dev.ithaca.nn.MaxPool2d;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.ReLU;
import dev.ithaca.nn.Sequential;
import dev.ithaca.nn.SiLU;
import dev.ithaca.nn.Sigmoid;
import dev.ithaca.nn.Softmax;
import dev.ithaca.nn.StateDictMismatchException;
import dev.ithaca.nn.StateDictReport;
import dev.ithaca.nn.Tanh;
import dev.ithaca.nn.TransformerBlock;
import dev.ithaca.random.Generator;
import dev.ithaca.tck.BackendConformanceTest;
import dev.ithaca.tck.Samples;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Module#save} and {@link Module#load}: every layer's state survives a safetensors round trip exactly. */
public abstract class ModuleCheckpointConformance extends BackendConformanceTest {
    @TempDir
    Path dir;

    /** A factory per layer type (the argument seeds the initialization) and an input that moves its buffers. */
    static Stream<Arguments> layers() {
        return Stream.of(
                layer("Linear", seed -> new Linear(5, 3, new Generator(seed)), null),
                layer("Linear without bias", seed -> new Linear(5, 3, false, new Generator(seed)), null),
                layer("Conv2d", seed -> new Conv2d(4, 6, 3, 2, 1, 1, 2, true, new Generator(seed)), null),
                layer("BatchNorm1d", seed -> new BatchNorm1d(3), new long[] {6, 3}),
                layer("BatchNorm2d", seed -> new BatchNorm2d(2), new long[] {3, 2, 2, 2}),
                layer("LayerNorm", seed -> new LayerNorm(4, 3), null),
                layer("Embedding", seed -> new Embedding(7, 3, 0, new Generator(seed)), null),
                layer("CausalSelfAttention", seed -> new CausalSelfAttention(8, 2, 0.1, true, new Generator(seed)), null),
                layer("TransformerBlock", seed -> new TransformerBlock(8, 2, 0.1, GELU.Approximation.TANH, new Generator(seed)), null),
                layer("CNN", seed -> new Sequential(new Conv2d(1, 2, 3, 1, 1, new Generator(seed)), new BatchNorm2d(2), new ReLU(),
                        new MaxPool2d(2), new AvgPool2d(1), new AdaptiveAvgPool2d(2), new Flatten(),
                        new Linear(8, 2, new Generator(seed + 1))), new long[] {2, 1, 4, 4}),
                layer("parameter-free layers", seed -> new Sequential(new ReLU(), new GELU(), new Tanh(), new Sigmoid(),
                        new SiLU(), new Softmax(-1), new Dropout(0.5, seed)), null));
    }

    private static Arguments layer(String name, LongFunction<Module> factory, long[] trainingInput) {
        return Arguments.of(name, factory, trainingInput);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void saveThenLoadRestoresEveryTensorExactly(String name, LongFunction<Module> factory, long[] trainingInput) throws IOException {
        Module saved = factory.apply(1);
        NnSamples.randomize(saved, 2, -1, 1);
        if (trainingInput != null) {
            saved.forward(Samples.tensor(DType.FLOAT32, Samples.floats(3, (int) Samples.numel(trainingInput), -2, 2), trainingInput));
        }
        Path file = dir.resolve("model.safetensors");
        saved.save(file);
        Module loaded = factory.apply(99);
        StateDictReport report = loaded.load(file);
        assertThat(report.isClean()).isTrue();
        Map<String, Tensor> expected = saved.stateDict();
        assertThat(loaded.stateDict().keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((key, value) -> {
            Tensor actual = loaded.stateDict().get(key);
            assertThat(actual.dtype()).as(key).isEqualTo(value.dtype());
            assertThat(actual.shape()).as(key).containsExactly(value.shape());
            assertThat(actual.toDoubleArray()).as(key).containsExactly(value.toDoubleArray());
        });
        assertThat(SafeTensors.readHeader(file).metadata()).containsEntry(Module.CLASS_METADATA_KEY, saved.getClass().getName());
    }

    @Test
    void float64ModelsKeepEveryBit() throws IOException {
        Linear saved = new Linear(4, 4, new Generator(1));
        saved.to(DType.FLOAT64);
        NnSamples.randomize(saved, 5, -1, 1);
        try (var ignored = dev.ithaca.autograd.NoGrad.enter()) {
            saved.weight().copyFrom(saved.weight().mul(Math.PI));
        }
        Path file = dir.resolve("f64.safetensors");
        saved.save(file);
        Linear loaded = new Linear(4, 4, new Generator(2));
        loaded.to(DType.FLOAT64);
        loaded.load(file);
        assertThat(loaded.weight().toDoubleArray()).containsExactly(saved.weight().toDoubleArray());
        assertThat(SafeTensors.readHeader(file).tensor("weight").orElseThrow().dtype().name()).isEqualTo("F64");
    }

    @Test
    void loadingADifferentArchitectureFailsStrictlyAndReportsWhenNotStrict() throws IOException {
        Path file = dir.resolve("mlp.safetensors");
        new Sequential(new Linear(4, 8, new Generator(1)), new ReLU(), new Linear(8, 2, new Generator(2))).save(file);
        Sequential other = new Sequential(new Linear(4, 6, new Generator(3)), new ReLU(), new Linear(6, 2, new Generator(4)),
                new Linear(2, 2, new Generator(5)));
        assertThatThrownBy(() -> other.load(file)).isInstanceOf(StateDictMismatchException.class)
                .hasMessageContaining("missing keys (2): 3.weight, 3.bias")
                .hasMessageContaining("0.weight: expected [6, 4], got [8, 4]")
                .hasMessageContaining("0.bias: expected [6], got [8]")
                .hasMessageContaining("2.weight: expected [2, 6], got [2, 8]");
        StateDictReport report = other.load(file, false);
        assertThat(report.missingKeys()).containsExactly("3.weight", "3.bias");
        assertThat(report.shapeMismatches()).hasSize(3);
        assertThat(report.unexpectedKeys()).isEmpty();
    }

    @Test
    void loadingAMissingFileFailsWithTheFileSystemError() {
        assertThatThrownBy(() -> new Linear(2, 2).load(dir.resolve("absent.safetensors"))).isInstanceOf(IOException.class);
    }
}
