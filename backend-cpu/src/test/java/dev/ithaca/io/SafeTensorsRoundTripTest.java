package dev.ithaca.io;

import dev.ithaca.memory.Scope;
import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tensors of every dtype and layout, and metadata, come back from a file exactly as written. */
class SafeTensorsRoundTripTest {
    @TempDir
    Path dir;

    private LoadedTensors roundTrip(Map<String, ? extends Tensor> tensors, Map<String, String> metadata) throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, tensors, metadata);
        return SafeTensors.read(file);
    }

    private LoadedTensors roundTrip(Map<String, ? extends Tensor> tensors) throws IOException {
        return roundTrip(tensors, Map.of());
    }

    @Test
    void everyDtypeKeepsItsTypeShapeAndValues() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("f32", Tensor.of(new float[] {1.5f, -2, 3, 4e-3f, 5e30f, -6}, 2, 3));
        tensors.put("f64", Tensor.of(new double[] {Math.PI, -Math.E, 1e-300}, 3));
        tensors.put("i32", Tensor.of(new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}, 2, 1, 2));
        tensors.put("i64", Tensor.of(new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE, 1L << 53 | 1}, 5));
        tensors.put("bool", Tensor.of(new boolean[] {true, false, false, true}, 2, 2));
        try (LoadedTensors loaded = roundTrip(tensors)) {
            assertThat(loaded.tensors().keySet()).containsExactlyInAnyOrderElementsOf(tensors.keySet());
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                Tensor back = loaded.tensor(e.getKey());
                assertThat(back.dtype()).as(e.getKey()).isEqualTo(e.getValue().dtype());
                assertThat(back.shape()).as(e.getKey()).isEqualTo(e.getValue().shape());
            }
            assertThat(loaded.tensor("f32").toFloatArray()).containsExactly(1.5f, -2, 3, 4e-3f, 5e30f, -6);
            assertThat(loaded.tensor("f64").toDoubleArray()).containsExactly(Math.PI, -Math.E, 1e-300);
            assertThat(loaded.tensor("i32").toIntArray()).containsExactly(Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE);
            assertThat(loaded.tensor("i64").toLongArray()).containsExactly(Long.MIN_VALUE, -1, 0, Long.MAX_VALUE, 1L << 53 | 1);
            assertThat(loaded.tensor("bool").toBooleanArray()).containsExactly(true, false, false, true);
        }
    }

    @Test
    void specialFloatingPointValuesAreBitExact() throws IOException {
        float[] floats = {Float.NaN, Float.intBitsToFloat(0x7FC0_1234), Float.intBitsToFloat(0xFF80_0001), -0.0f,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_NORMAL, Float.MAX_VALUE};
        double[] doubles = {Double.longBitsToDouble(0x7FF8_0000_0000_BEEFL), -0.0, Double.MIN_VALUE, Double.NEGATIVE_INFINITY};
        try (LoadedTensors loaded = roundTrip(Map.of("f", Tensor.of(floats), "d", Tensor.of(doubles)))) {
            float[] f = loaded.tensor("f").toFloatArray();
            for (int i = 0; i < floats.length; i++) {
                assertThat(Float.floatToRawIntBits(f[i])).as("float %d", i).isEqualTo(Float.floatToRawIntBits(floats[i]));
            }
            double[] d = loaded.tensor("d").toDoubleArray();
            for (int i = 0; i < doubles.length; i++) {
                assertThat(Double.doubleToRawLongBits(d[i])).as("double %d", i).isEqualTo(Double.doubleToRawLongBits(doubles[i]));
            }
        }
    }

    @Test
    void zeroDimensionalTensorsStayScalars() throws IOException {
        Map<String, Tensor> tensors = Map.of(
                "f32", Tensor.scalar(3.25),
                "f64", Tensor.scalar(-0.125, DType.FLOAT64),
                "i32", Tensor.scalar(-7, DType.INT32),
                "i64", Tensor.of(new long[] {Long.MAX_VALUE}, 1).squeeze(0),
                "bool", Tensor.scalar(1, DType.BOOL));
        try (LoadedTensors loaded = roundTrip(tensors)) {
            for (String name : tensors.keySet()) {
                assertThat(loaded.tensor(name).dim()).as(name).isZero();
                assertThat(loaded.tensor(name).dtype()).as(name).isEqualTo(tensors.get(name).dtype());
            }
            assertThat(loaded.tensor("f32").item()).isEqualTo(3.25);
            assertThat(loaded.tensor("f64").item()).isEqualTo(-0.125);
            assertThat(loaded.tensor("i32").item()).isEqualTo(-7);
            assertThat(loaded.tensor("i64").toLongArray()).containsExactly(Long.MAX_VALUE);
            assertThat(loaded.tensor("bool").toBooleanArray()).containsExactly(true);
        }
    }

    @Test
    void zeroSizeTensorsKeepTheirShape() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (DType dtype : DType.values()) {
            tensors.put(dtype + "-0", Tensor.zeros(dtype, 0));
            tensors.put(dtype + "-203", Tensor.zeros(dtype, 2, 0, 3));
        }
        tensors.put("after", Tensor.of(new float[] {42}, 1));
        Path file = dir.resolve("empty.safetensors");
        SafeTensors.write(file, tensors);
        assertThat(SafeTensors.readHeader(file).dataLength()).isEqualTo(4);
        try (LoadedTensors loaded = SafeTensors.read(file)) {
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                assertThat(loaded.tensor(e.getKey()).shape()).as(e.getKey()).isEqualTo(e.getValue().shape());
                assertThat(loaded.tensor(e.getKey()).dtype()).as(e.getKey()).isEqualTo(e.getValue().dtype());
            }
            assertThat(loaded.tensor("after").toFloatArray()).containsExactly(42);
        }
    }

    @Test
    void viewsAreWrittenInRowMajorOrderOfTheView() throws IOException {
        Tensor base = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor longs = Tensor.of(new long[] {10, 20, 30, 40, 50, 60, 70, 80}, 2, 4);
        Map<String, Tensor> views = Map.of(
                "transposed", base.t(),                                   // [3, 2], strides [1, 3]
                "narrowed", base.narrow(1, 1, 2),                          // offset 1, rows of stride 3
                "stepped", longs.slice(1, 0, 4, 2),                        // every other column
                "expanded", Tensor.of(new int[] {7, 8}, 2, 1).expand(2, 3), // stride 0
                "permuted", longs.reshape(2, 2, 2).permute(2, 0, 1));
        try (LoadedTensors loaded = roundTrip(views)) {
            assertThat(loaded.tensor("transposed").shape()).containsExactly(3, 2);
            assertThat(loaded.tensor("transposed").toFloatArray()).containsExactly(1, 4, 2, 5, 3, 6);
            assertThat(loaded.tensor("narrowed").toFloatArray()).containsExactly(2, 3, 5, 6);
            assertThat(loaded.tensor("stepped").toLongArray()).containsExactly(10, 30, 50, 70);
            assertThat(loaded.tensor("expanded").toIntArray()).containsExactly(7, 7, 7, 8, 8, 8);
            assertThat(loaded.tensor("permuted").toLongArray()).isEqualTo(views.get("permuted").toLongArray());
            assertThat(loaded.tensor("permuted").shape()).containsExactly(2, 2, 2);
        }
    }

    @Test
    void tensorsLargerThanOneTransferChunk() throws IOException {
        int n = SafeTensorsWriter.CHUNK_ELEMENTS * 2 + 5;
        Tensor floats = Tensor.rand(7, n);
        Tensor doubles = Tensor.rand(8, SafeTensorsWriter.CHUNK_ELEMENTS + 3).to(DType.FLOAT64).reshape(-1, 1);
        try (LoadedTensors loaded = roundTrip(Map.of("floats", floats, "doubles", doubles))) {
            assertThat(loaded.tensor("floats").toFloatArray()).isEqualTo(floats.toFloatArray());
            assertThat(loaded.tensor("doubles").toDoubleArray()).isEqualTo(doubles.toDoubleArray());
            assertThat(loaded.tensor("doubles").shape()).containsExactly(SafeTensorsWriter.CHUNK_ELEMENTS + 3, 1);
        }
    }

    @Test
    void metadataRoundTrips() throws IOException {
        Map<String, String> metadata = Map.of(
                "format", "pt",
                "empty", "",
                "state", "{\"epoch\": 3, \"lr\": [0.1, 0.01], \"path\": \"C:\\\\runs\\n\"}",
                "unicode \u00e9\u4e2d\ud83d\ude00", "\u2603 \u0000 \t",
                "long", "x".repeat(1 << 20));
        try (LoadedTensors loaded = roundTrip(Map.of("w", Tensor.of(new float[] {1})), metadata)) {
            assertThat(loaded.metadata()).isEqualTo(metadata);
        }
    }

    @Test
    void fileOrderIsDescendingAlignmentThenName() throws IOException {
        Map<String, Tensor> tensors = Map.of(
                "b", Tensor.of(new float[] {1}), "a", Tensor.of(new float[] {1, 2, 3}),
                "mask", Tensor.of(new boolean[] {true}), "count", Tensor.of(new int[] {1}),
                "index", Tensor.of(new long[] {1}), "precise", Tensor.of(new double[] {1}),
                "\u00e9", Tensor.of(new float[] {1}), "Z", Tensor.of(new float[] {1}));
        Path file = dir.resolve("order.safetensors");
        SafeTensors.write(file, tensors);
        SafeTensorsHeader header = SafeTensors.readHeader(file);
        assertThat(header.names()).containsExactly("index", "precise", "Z", "a", "b", "\u00e9", "count", "mask");
        assertThat(header.dataStart() % 8).isZero();
        for (TensorEntry entry : header.tensors()) {
            assertThat(entry.begin() % (entry.dtype().bits() / 8)).as(entry.name()).isZero();
        }
    }

    @Test
    void loadedTensorsLiveOnTheCurrentBackendUntilClosed() throws IOException {
        LoadedTensors loaded = roundTrip(Map.of("w", Tensor.of(new float[1000], 10, 100)));
        Tensor w = loaded.tensor("w");
        assertThat(w.backend()).isSameAs(Backends.current());
        long liveLoaded = Backends.current().memoryStats().liveBytes();
        loaded.close();
        assertThat(w.isClosed()).isTrue();
        assertThat(Backends.current().memoryStats().liveBytes()).isLessThanOrEqualTo(liveLoaded - 4000);
        loaded.close(); // idempotent
    }

    @Test
    void tensorsReadInsideAScopeDieWithIt() throws IOException {
        Path file = dir.resolve("scoped.safetensors");
        SafeTensors.write(file, Map.of("w", Tensor.of(new float[] {1, 2})));
        Tensor w;
        try (Scope scope = Scope.open()) {
            w = SafeTensors.read(file).tensor("w");
            assertThat(scope.size()).as("tensors the caller's scope owns").isEqualTo(1);
            assertThat(w.toFloatArray()).containsExactly(1, 2);
        }
        assertThat(w.isClosed()).isTrue();
    }

    @Test
    void missingTensorNameIsReportedWithTheNamesThatExist() throws IOException {
        try (LoadedTensors loaded = roundTrip(Map.of("weight", Tensor.of(new float[] {1}), "bias", Tensor.of(new float[] {2})))) {
            assertThatThrownBy(() -> loaded.tensor("wieght"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContainingAll("'wieght'", "weight", "bias");
        }
    }

    @Test
    void emptyMapMakesAValidFile() throws IOException {
        try (LoadedTensors loaded = roundTrip(Map.of(), Map.of("note", "nothing yet"))) {
            assertThat(loaded.tensors()).isEmpty();
            assertThat(loaded.metadata()).containsEntry("note", "nothing yet");
        }
    }

    @Test
    void invalidArgumentsAreRefusedBeforeAnyFileIsCreated() throws IOException {
        Path file = dir.resolve("never.safetensors");
        Tensor closed = Tensor.of(new float[] {1});
        closed.close();
        Map<String, Tensor> withNullTensor = new LinkedHashMap<>();
        withNullTensor.put("w", null);
        Map<String, String> withNullValue = new LinkedHashMap<>();
        withNullValue.put("k", null);
        Tensor ok = Tensor.of(new float[] {1});
        List<Runnable> calls = List.of(
                () -> write(file, Map.of("__metadata__", ok), Map.of()),
                () -> write(file, Map.of("w", closed), Map.of()),
                () -> write(file, withNullTensor, Map.of()),
                () -> write(file, Map.of("\ud800", ok), Map.of()),
                () -> write(file, Map.of("w", ok), withNullValue),
                () -> write(file, Map.of("w", ok), Map.of("k", "\udc00")));
        List<String> expected = List.of("reserved for the metadata map", "already freed", "tensor 'w' is null",
                "not well-formed Unicode", "must not be null", "not well-formed Unicode");
        for (int i = 0; i < calls.size(); i++) {
            assertThatThrownBy(calls.get(i)::run).as("call %d", i)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(expected.get(i));
        }
        try (var listing = Files.list(dir)) {
            assertThat(listing).isEmpty();
        }
    }

    private static void write(Path file, Map<String, ? extends Tensor> tensors, Map<String, String> metadata) {
        try {
            SafeTensors.write(file, tensors, metadata);
        } catch (IOException e) {
            throw new AssertionError("expected an argument error, not an I/O error", e);
        }
    }
}
