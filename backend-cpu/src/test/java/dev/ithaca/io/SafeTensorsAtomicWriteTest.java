package dev.ithaca.io;

import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A write either replaces the file with the complete new one or leaves the old one exactly as it was. */
class SafeTensorsAtomicWriteTest {
    @TempDir
    Path dir;

    /** A tensor whose data cannot be fetched: the writer fails on it after writing the tensors before it. */
    private static final class FailingTensor extends Tensor {
        private final Path directory;
        final List<Long> partialFileSizes = new ArrayList<>();

        FailingTensor(Tensor base, Path directory) {
            super(base);
            this.directory = directory;
        }

        @Override
        public Tensor contiguous() {
            // record what is on disk at the moment of failure, to prove the write really was midway
            try (Stream<Path> files = Files.list(directory)) {
                for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
                    partialFileSizes.add(Files.size(p));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalStateException("simulated device failure while copying tensor data");
        }
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void failureMidwayLeavesThePreviousFileIntactAndNoTempFile() throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, Map.of("w", Tensor.of(new float[] {1, 2, 3})), Map.of("epoch", "1"));
        byte[] before = Files.readAllBytes(file);

        // same dtype, so "a" (4 MiB) is written before "b" fails
        FailingTensor failing = new FailingTensor(Tensor.of(new float[] {9}), dir);
        Map<String, Tensor> next = Map.of("a", Tensor.zeros(1 << 20), "b", failing);
        assertThatThrownBy(() -> SafeTensors.write(file, next, Map.of("epoch", "2")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("simulated");

        assertThat(failing.partialFileSizes).singleElement().satisfies(size -> assertThat(size).isGreaterThan(4L << 20));
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(listing()).containsExactly("model.safetensors");
        try (LoadedTensors loaded = SafeTensors.read(file)) {
            assertThat(loaded.tensor("w").toFloatArray()).containsExactly(1, 2, 3);
            assertThat(loaded.metadata()).containsEntry("epoch", "1");
        }
    }

    @Test
    void failureWithNoPreviousFileLeavesNothingBehind() throws IOException {
        Path file = dir.resolve("first.safetensors");
        Map<String, Tensor> tensors = Map.of("a", Tensor.of(new float[] {1}), "b", new FailingTensor(Tensor.of(new float[] {2}), dir));
        assertThatThrownBy(() -> SafeTensors.write(file, tensors)).isInstanceOf(IllegalStateException.class);
        assertThat(listing()).isEmpty();
    }

    @Test
    void successReplacesTheFileAndLeavesNoTempFile() throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, Map.of("w", Tensor.of(new float[] {1})));
        SafeTensors.write(file, Map.of("w", Tensor.of(new float[] {2, 3})), Map.of("epoch", "2"));
        assertThat(listing()).containsExactly("model.safetensors");
        try (LoadedTensors loaded = SafeTensors.read(file)) {
            assertThat(loaded.tensor("w").toFloatArray()).containsExactly(2, 3);
            assertThat(loaded.metadata()).containsEntry("epoch", "2");
        }
    }

    @Test
    void writtenFileHasOrdinaryPermissionsNotThoseOfAPrivateTempFile() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "permissions are a POSIX notion");
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, Map.of("w", Tensor.of(new float[] {1})));
        Set<PosixFilePermission> ordinary = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(ordinary);
    }

    @Test
    void directoryInTheWayIsAnIoErrorAndStaysUntouched() throws IOException {
        Path occupied = Files.createDirectory(dir.resolve("model.safetensors"));
        Files.writeString(occupied.resolve("inside.txt"), "keep me");
        assertThatThrownBy(() -> SafeTensors.write(occupied, Map.of("w", Tensor.of(new float[] {1}))))
                .isInstanceOf(FileSystemException.class)
                .hasMessageContaining("is a directory");
        assertThat(Files.readString(occupied.resolve("inside.txt"))).isEqualTo("keep me");
        assertThat(listing()).containsExactly("model.safetensors");
    }

    @Test
    void missingDirectoryIsAnIoErrorWithNoFileCreated() {
        Path file = dir.resolve("no-such-dir").resolve("model.safetensors");
        assertThatThrownBy(() -> SafeTensors.write(file, Map.of("w", Tensor.of(new float[] {1}))))
                .isInstanceOf(IOException.class);
        assertThat(Files.exists(file.getParent())).isFalse();
    }
}
