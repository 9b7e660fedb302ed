package dev.ithaca.data.idx;

import dev.ithaca.data.CpuTestBase;
import dev.ithaca.data.DataFormatException;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.ithaca.data.idx.IdxBytes.gzip;
import static dev.ithaca.data.idx.IdxBytes.idx;
import static dev.ithaca.data.idx.IdxBytes.ubyte;
import static dev.ithaca.data.idx.IdxBytes.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdxFileTest extends CpuTestBase {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void readsUnsignedBytesPlainOrGzipWhateverTheName(boolean gzip) {
        byte[] content = ubyte(new int[] {2, 2, 3}, 0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255);
        // the name says nothing: detection is by magic bytes
        IdxFile file = IdxFile.read(write(dir.resolve("images.bin"), gzip ? gzip(content) : content));
        assertThat(file.type()).isEqualTo(IdxType.UBYTE);
        assertThat(file.shape()).containsExactly(2, 2, 3);
        assertThat(file.count()).isEqualTo(2);
        assertThat(file.itemSize()).isEqualTo(6);
        assertThat(file.numel()).isEqualTo(12);
        assertThat(file.value(6)).isEqualTo(250);
        assertThat(file.value(11)).isEqualTo(255);
        try (Tensor t = file.toTensor()) {
            assertThat(t.dtype()).isEqualTo(DType.INT32);
            assertThat(t.shape()).containsExactly(2, 2, 3);
            assertThat(t.toIntArray()).containsExactly(0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255);
        }
    }

    @Test
    void readsEverySignedAndWideTypeBigEndian() {
        IdxFile bytes = IdxFile.read(write(dir.resolve("b"), idx(0x09, new int[] {3}, new byte[] {-128, -1, 127})));
        assertThat(bytes.type()).isEqualTo(IdxType.BYTE);
        assertThat(values(bytes)).containsExactly(-128, -1, 127);

        IdxFile shorts = IdxFile.read(write(dir.resolve("s"), idx(0x0B, new int[] {2}, ByteBuffer.allocate(4).putShort((short) -300).putShort((short) 0x1234).array())));
        assertThat(shorts.type()).isEqualTo(IdxType.SHORT);
        assertThat(values(shorts)).containsExactly(-300, 0x1234);

        IdxFile ints = IdxFile.read(write(dir.resolve("i"), idx(0x0C, new int[] {1, 2}, ByteBuffer.allocate(8).putInt(-70000).putInt(Integer.MAX_VALUE).array())));
        assertThat(values(ints)).containsExactly(-70000, Integer.MAX_VALUE);
        try (Tensor t = ints.toTensor()) {
            assertThat(t.shape()).containsExactly(1, 2);
            assertThat(t.toIntArray()).containsExactly(-70000, Integer.MAX_VALUE);
        }

        IdxFile floats = IdxFile.read(write(dir.resolve("f"), idx(0x0D, new int[] {2}, ByteBuffer.allocate(8).putFloat(1.5f).putFloat(-0.25f).array())));
        try (Tensor t = floats.toTensor()) {
            assertThat(t.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(t.toFloatArray()).containsExactly(1.5f, -0.25f);
        }

        IdxFile doubles = IdxFile.read(write(dir.resolve("d"), idx(0x0E, new int[] {1, 1, 1, 2}, ByteBuffer.allocate(16).putDouble(Math.PI).putDouble(-1e300).array())));
        assertThat(doubles.shape()).containsExactly(1, 1, 1, 2);
        assertThat(doubles.itemSize()).isEqualTo(2);
        try (Tensor t = doubles.toTensor()) {
            assertThat(t.dtype()).isEqualTo(DType.FLOAT64);
            assertThat(t.toDoubleArray()).containsExactly(Math.PI, -1e300);
        }
    }

    @Test
    void zeroItemsIsAValidFile() {
        IdxFile empty = IdxFile.read(write(dir.resolve("e"), ubyte(new int[] {0, 28, 28})));
        assertThat(empty.count()).isZero();
        assertThat(empty.numel()).isZero();
    }

    private static double[] values(IdxFile file) {
        double[] v = new double[(int) file.numel()];
        Arrays.setAll(v, i -> file.value(i));
        return v;
    }

    @Test
    void aWrongMagicNumberSaysWhatWasExpected() {
        Path png = write(dir.resolve("not-idx.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0});
        assertThatThrownBy(() -> IdxFile.read(png)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(png + ": wrong IDX magic number 0x89504E47 at byte 0")
                .hasMessageContaining("expected 0x0000TTRR")
                .hasMessageContaining("0x08 ubyte, 0x09 byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double")
                .hasMessageContaining("MNIST images are 0x00000803");
        Path badType = write(dir.resolve("type"), new byte[] {0, 0, 0x0A, 1, 0, 0, 0, 0});
        assertThatThrownBy(() -> IdxFile.read(badType)).hasMessageContaining("wrong IDX magic number 0x00000A01");
        Path noDims = write(dir.resolve("rank0"), new byte[] {0, 0, 0x08, 0});
        assertThatThrownBy(() -> IdxFile.read(noDims)).hasMessageContaining("wrong IDX magic number 0x00000800");
        Path tiny = write(dir.resolve("tiny"), new byte[] {0, 0});
        assertThatThrownBy(() -> IdxFile.read(tiny)).hasMessageContaining("is 2 bytes long, too short for the 4-byte IDX magic number");
    }

    @Test
    void truncatedFilesSayHowManyBytesWereExpectedAndFound() {
        byte[] full = ubyte(new int[] {2, 2, 2}, 1, 2, 3, 4, 5, 6, 7, 8);
        Path cut = write(dir.resolve("cut"), Arrays.copyOf(full, full.length - 3));
        assertThatThrownBy(() -> IdxFile.read(cut)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("truncated: the header declares shape [2, 2, 2] of ubyte, 8 data bytes after the 16-byte header,"
                        + " but only 5 follow (21 bytes)");
        Path cutGz = write(dir.resolve("cut.gz"), gzip(Arrays.copyOf(full, full.length - 3)));
        assertThatThrownBy(() -> IdxFile.read(cutGz)).hasMessageContaining("but only 5 follow (21 bytes of the decompressed data)");
        Path header = write(dir.resolve("header"), Arrays.copyOf(full, 10));
        assertThatThrownBy(() -> IdxFile.read(header))
                .hasMessageContaining("truncated header: 3 dimension sizes need 16 header bytes but the file has only 10");
        Path extra = write(dir.resolve("extra"), Arrays.copyOf(full, full.length + 2));
        assertThatThrownBy(() -> IdxFile.read(extra)).hasMessageContaining("has 2 unexpected bytes after the 8 data bytes its header declares");
        byte[] gz = gzip(full);
        Path truncatedGzip = write(dir.resolve("broken.gz"), Arrays.copyOf(gz, gz.length - 10));
        assertThatThrownBy(() -> IdxFile.read(truncatedGzip)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(truncatedGzip + ": gzip data is truncated");
        byte[] corrupt = gz.clone();
        corrupt[12] ^= (byte) 0xFF;
        corrupt[13] ^= (byte) 0xFF;
        Path corruptGzip = write(dir.resolve("corrupt.gz"), corrupt);
        assertThatThrownBy(() -> IdxFile.read(corruptGzip)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("gzip");
        Path negative = write(dir.resolve("negative"), idx(0x08, new int[] {-1}, new byte[0]));
        assertThatThrownBy(() -> IdxFile.read(negative)).hasMessageContaining("dimension 0 has negative size -1 at byte 4");
        Path huge = write(dir.resolve("huge"), idx(0x08, new int[] {65536, 65536}, new byte[0]));
        assertThatThrownBy(() -> IdxFile.read(huge)).hasMessageContaining("more than 2147483639 elements");
    }

    @Test
    void aMissingFileNamesThePath() {
        Path missing = dir.resolve("nowhere/train-images-idx3-ubyte");
        assertThatThrownBy(() -> IdxFile.read(missing)).isInstanceOf(UncheckedIOException.class)
                .hasMessage("IDX file not found: " + missing.toAbsolutePath())
                .hasCauseInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> IdxFile.read(dir)).isInstanceOf(UncheckedIOException.class).hasMessageContaining("is a directory");
    }
}
