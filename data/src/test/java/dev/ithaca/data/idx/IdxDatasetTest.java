package dev.ithaca.data.idx;

import dev.ithaca.data.CpuTestBase;
import dev.ithaca.data.DataFormatException;
import dev.ithaca.data.DataLoader;
import dev.ithaca.tensor.DType;
import dev.ithaca.train.Batch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import static dev.ithaca.data.idx.IdxBytes.gzip;
import static dev.ithaca.data.idx.IdxBytes.idx;
import static dev.ithaca.data.idx.IdxBytes.ubyte;
import static dev.ithaca.data.idx.IdxBytes.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class IdxDatasetTest extends CpuTestBase {
    @TempDir
    Path dir;

    /** Three 2x2 images: pixel values 0..255 spread over them; labels 7, 0, 9. */
    private IdxDataset threeImages(boolean gzip) {
        byte[] images = ubyte(new int[] {3, 2, 2}, 0, 1, 2, 3, 100, 128, 254, 255, 17, 34, 51, 68);
        byte[] labels = ubyte(new int[] {3}, 7, 0, 9);
        return IdxDataset.of(write(dir.resolve("images"), gzip ? gzip(images) : images),
                write(dir.resolve("labels"), gzip ? gzip(labels) : labels));
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void batchesAreScaledFloatImagesWithAChannelAndInt64Labels(boolean gzip) {
        IdxDataset data = threeImages(gzip);
        assertThat(data.size()).isEqualTo(3);
        assertThat(data.exampleShape()).containsExactly(1, 2, 2);
        assertThat(data.numClasses()).isEqualTo(10);
        assertThat(data.label(2)).isEqualTo(9);
        try (Batch batch = data.batch(new long[] {1, 0})) {
            assertThat(batch.input().dtype()).isEqualTo(DType.FLOAT32);
            assertThat(batch.input().shape()).containsExactly(2, 1, 2, 2);
            float[] pixels = batch.input().toFloatArray();
            int[] raw = {100, 128, 254, 255, 0, 1, 2, 3};
            for (int i = 0; i < raw.length; i++) {
                // torchvision ToTensor: float32 division by 255, within half an ulp of the exact quotient
                assertThat((double) pixels[i]).isCloseTo(raw[i] / 255.0, within(Math.ulp(pixels[i]) / 2 + 1e-12));
            }
            assertThat(pixels[3]).isEqualTo(1f);
            assertThat(pixels[4]).isEqualTo(0f);
            assertThat(batch.target().dtype()).isEqualTo(DType.INT64);
            assertThat(batch.target().toLongArray()).containsExactly(0, 7);
        }
        assertThatThrownBy(() -> data.batch(new long[] {3})).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("index 3 is outside [0, 3)");
    }

    @Test
    void otherRanksAndTypesKeepTheirShapeAndValues() {
        byte[] floats = ByteBuffer.allocate(4 * 4).putFloat(-1).putFloat(2.5f).putFloat(3).putFloat(400).array();
        Path features = write(dir.resolve("features"), idx(0x0D, new int[] {2, 2}, floats));
        Path labels = write(dir.resolve("labels"), idx(0x0C, new int[] {2}, ByteBuffer.allocate(8).putInt(1).putInt(0).array()));
        IdxDataset data = IdxDataset.of(features, labels);
        assertThat(data.exampleShape()).containsExactly(2);
        try (Batch batch = data.batch(new long[] {1, 0})) {
            assertThat(batch.input().shape()).containsExactly(2, 2);
            assertThat(batch.input().toFloatArray()).containsExactly(3, 400, -1, 2.5f);
            assertThat(batch.target().toLongArray()).containsExactly(0, 1);
        }
        Path color = write(dir.resolve("color"), ubyte(new int[] {1, 3, 1, 2}, 0, 51, 102, 153, 204, 255));
        IdxDataset colorData = IdxDataset.of(color, write(dir.resolve("one"), ubyte(new int[] {1}, 4)));
        assertThat(colorData.exampleShape()).containsExactly(3, 1, 2);
        try (Batch batch = colorData.batch(new long[] {0})) {
            assertThat(batch.input().toFloatArray()).containsExactly(0f, 0.2f, 0.4f, 0.6f, 0.8f, 1f);
        }
    }

    @Test
    void mismatchedOrMisusedFilesAreReportedWithTheirPaths() {
        Path images = write(dir.resolve("images"), ubyte(new int[] {3, 1, 1}, 1, 2, 3));
        Path twoLabels = write(dir.resolve("two-labels"), ubyte(new int[] {2}, 1, 2));
        assertThatThrownBy(() -> IdxDataset.of(images, twoLabels)).isInstanceOf(DataFormatException.class)
                .hasMessage(twoLabels + ": has 2 labels but " + images + " has 3 images; the counts must match");
        assertThatThrownBy(() -> IdxDataset.of(twoLabels, twoLabels)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("holds shape [2], expected images [count, rows, cols] (is it the labels file?)");
        assertThatThrownBy(() -> IdxDataset.of(images, images)).hasMessageContaining("expected one label per image [count]");
        Path floatLabels = write(dir.resolve("float-labels"), idx(0x0D, new int[] {3}, new byte[12]));
        assertThatThrownBy(() -> IdxDataset.of(images, floatLabels)).hasMessageContaining("class labels must be an integer type");
        Path negative = write(dir.resolve("negative"), idx(0x09, new int[] {3}, new byte[] {0, -2, 1}));
        assertThatThrownBy(() -> IdxDataset.of(images, negative)).hasMessageContaining("label 1 is -2; class labels must be >= 0");
    }

    @Test
    void loadsThroughALoaderWithWorkers() {
        IdxDataset data = threeImages(false);
        DataLoader loader = DataLoader.builder(data).batchSize(2).shuffle(true).seed(3).numWorkers(2).build();
        long seen = 0;
        for (Batch batch : loader) {
            try (batch) {
                seen += batch.size();
                assertThat(batch.input().shape()).containsExactly(batch.size(), 1, 2, 2);
            }
        }
        assertThat(seen).isEqualTo(3);
    }
}
