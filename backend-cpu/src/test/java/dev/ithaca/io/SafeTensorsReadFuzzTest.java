package dev.ithaca.io;

import dev.ithaca.random.Generator;
import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files written by the writer, then damaged at random: {@code read} must return tensors or throw
 * {@link CheckpointFormatException} — nothing else — and a refused file must leave no tensor allocated.
 */
class SafeTensorsReadFuzzTest {
    private static Path dir;

    @BeforeContainer
    static void createDirectory() throws IOException {
        dir = Files.createTempDirectory("safetensors-read-fuzz");
    }

    @AfterContainer
    static void deleteDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A small random tensor of a random dtype and rank 0 to 3. */
    private record Spec(DType dtype, List<Integer> shape, long seed) {
        Tensor build() {
            long[] dims = shape.stream().mapToLong(Integer::longValue).toArray();
            int numel = (int) Arrays.stream(dims).reduce(1, (a, b) -> a * b);
            Tensor flat = switch (dtype) {
                case FLOAT32 -> Tensor.rand(seed, numel);
                case FLOAT64 -> Tensor.rand(seed, numel).to(DType.FLOAT64);
                case INT32 -> Tensor.randint(new Generator(seed), -1000, 1000, numel).to(DType.INT32);
                case INT64 -> Tensor.randint(new Generator(seed), Long.MIN_VALUE / 2, Long.MAX_VALUE / 2, numel);
                case BOOL -> Tensor.rand(seed, numel).lt(0.5);
            };
            return flat.reshape(dims);
        }
    }

    @Provide
    Arbitrary<Map<String, Spec>> checkpoints() {
        Arbitrary<Spec> spec = Combinators.combine(Arbitraries.of(DType.values()),
                Arbitraries.integers().between(0, 4).list().ofMaxSize(3), Arbitraries.longs())
                .as(Spec::new);
        return Arbitraries.maps(Arbitraries.strings().alpha().numeric().withChars('.', '_').ofMinLength(1).ofMaxLength(6), spec)
                .ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<int[]>> damage() {
        // {kind, position, value}: 0 flip a bit, 1 set a byte, 2 truncate, 3 insert a byte, 4 delete a byte,
        // 5 flip a bit inside the tensor data (headers are most of a small file, so plain positions rarely land there)
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.integers().between(0, 255)).as((k, p, v) -> new int[] {k, p, v}).list().ofMinSize(1).ofMaxSize(2);
    }

    private static byte[] apply(byte[] bytes, int[] edit, long dataStart) {
        if (bytes.length == 0) {
            return new byte[] {(byte) edit[2]};
        }
        boolean inData = edit[0] == 5 && dataStart < bytes.length;
        int at = inData ? (int) (dataStart + edit[1] % (bytes.length - dataStart)) : edit[1] % bytes.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (edit[0]) {
            case 0, 5 -> {
                byte[] copy = bytes.clone();
                copy[at] ^= (byte) (1 << (edit[2] & 7));
                return copy;
            }
            case 1 -> {
                byte[] copy = bytes.clone();
                copy[at] = (byte) edit[2];
                return copy;
            }
            case 2 -> {
                return Arrays.copyOf(bytes, at);
            }
            case 3 -> {
                out.write(bytes, 0, at);
                out.write(edit[2]);
                out.write(bytes, at, bytes.length - at);
                return out.toByteArray();
            }
            default -> {
                out.write(bytes, 0, at);
                out.write(bytes, at + 1, bytes.length - at - 1);
                return out.toByteArray();
            }
        }
    }

    @Property(tries = 1500)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void damagedFilesLoadOrAreRefused(@ForAll("checkpoints") Map<String, Spec> specs, @ForAll("damage") List<int[]> edits)
            throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        specs.forEach((name, spec) -> tensors.put(name, spec.build()));
        Path file = dir.resolve("fuzz.safetensors");
        SafeTensors.write(file, tensors, Map.of("seed", String.valueOf(specs.hashCode())));
        tensors.values().forEach(Tensor::close);

        // the intact file loads exactly
        try (LoadedTensors intact = SafeTensors.read(file)) {
            assertThat(intact.tensors().keySet()).containsExactlyInAnyOrderElementsOf(specs.keySet());
        }

        long dataStart = SafeTensors.readHeader(file).dataStart();
        byte[] bytes = Files.readAllBytes(file);
        for (int[] edit : edits) {
            bytes = apply(bytes, edit, dataStart);
        }
        Files.write(file, bytes);
        long liveBefore = Backends.current().memoryStats().liveBytes();
        try (LoadedTensors loaded = SafeTensors.read(file)) {
            for (Tensor t : loaded.tensors().values()) {
                assertThat(t.numel()).isGreaterThanOrEqualTo(0);
            }
            Statistics.collect("loaded");
        } catch (CheckpointFormatException e) {
            assertThat(e).hasMessageStartingWith(file + ": ");
            assertThat(Backends.current().memoryStats().liveBytes()).as("bytes left allocated by a refused read")
                    .isLessThanOrEqualTo(liveBefore);
            Statistics.collect("refused");
        }
        Statistics.coverage(c -> {
            c.check("loaded").percentage(p -> p > 3);
            c.check("refused").percentage(p -> p > 40);
        });
    }
}
