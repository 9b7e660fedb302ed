package dev.ithaca.data.idx;

import dev.ithaca.data.CpuTestBase;
import dev.ithaca.train.Batch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.stream.LongStream;

import static dev.ithaca.data.idx.IdxBytes.gzip;
import static dev.ithaca.data.idx.IdxBytes.ubyte;
import static dev.ithaca.data.idx.IdxBytes.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FashionMnistTest extends CpuTestBase {
    @TempDir
    Path dir;

    @Test
    void readsTheDebianPackagesFilesWhenInstalled() {
        assumeTrue(FashionMnist.isInstalled(), "Fashion-MNIST is not installed in " + FashionMnist.DEFAULT_DIRECTORY
                + " (apt-get install dataset-fashion-mnist); skipping the test on the real files");
        FashionMnist fashion = FashionMnist.locate();
        IdxDataset train = fashion.train();
        IdxDataset test = fashion.test();
        assertThat(train.size()).isEqualTo(60_000);
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(train.exampleShape()).containsExactly(1, 28, 28);
        assertThat(train.numClasses()).isEqualTo(10);
        assertThat(test.numClasses()).isEqualTo(10);
        long[] perClass = new long[10];
        for (long i = 0; i < train.size(); i++) {
            perClass[train.label(i)]++;
        }
        assertThat(perClass).as("Fashion-MNIST is balanced: 6000 training images per class").containsOnly(6000);
        try (Batch batch = train.batch(LongStream.range(0, 128).toArray())) {
            float[] pixels = batch.input().toFloatArray();
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (float p : pixels) {
                min = Math.min(min, p);
                max = Math.max(max, p);
            }
            assertThat(min).isEqualTo(0f);
            assertThat(max).isEqualTo(1f);
            assertThat(LongStream.of(batch.target().toLongArray()).allMatch(label -> label >= 0 && label < 10)).isTrue();
        }
        assertThat(FashionMnist.CLASSES).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
    }

    @Test
    void readsTheFourFilesFromAnotherDirectoryPlainOrGzip() {
        write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(ubyte(new int[] {2, 1, 2}, 0, 255, 51, 102)));
        write(dir.resolve("train-labels-idx1-ubyte"), ubyte(new int[] {2}, 3, 9));
        write(dir.resolve("t10k-images-idx3-ubyte"), ubyte(new int[] {1, 1, 2}, 255, 0));
        write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(ubyte(new int[] {1}, 5)));
        assertThat(FashionMnist.isAvailableAt(dir)).isTrue();
        FashionMnist fashion = FashionMnist.at(dir);
        assertThat(fashion.directory()).isEqualTo(dir);
        assertThat(fashion.train().size()).isEqualTo(2);
        try (Batch batch = fashion.test().batch(new long[] {0})) {
            assertThat(batch.input().toFloatArray()).containsExactly(1f, 0f);
            assertThat(batch.target().toLongArray()).containsExactly(5);
        }
    }

    @Test
    void missingFilesAreNamedWithTheInstallCommand() {
        write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(ubyte(new int[] {1, 1, 1}, 0)));
        assertThat(FashionMnist.isAvailableAt(dir)).isFalse();
        assertThatThrownBy(() -> FashionMnist.at(dir)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Fashion-MNIST not found in " + dir.toAbsolutePath())
                .hasMessageContaining("missing train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]")
                .hasMessageContaining("apt-get install dataset-fashion-mnist");
    }
}
