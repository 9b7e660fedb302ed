package dev.ithaca.data.transform;

import dev.ithaca.data.BatchContext;
import dev.ithaca.data.CpuTestBase;
import dev.ithaca.data.DataLoader;
import dev.ithaca.data.Dataset;
import dev.ithaca.data.Transform;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RandomTransformsTest extends CpuTestBase {

    /** Pixel value that says where it came from: sample, channel, row, column. */
    private static float pixel(long sample, int channel, int row, int col) {
        return sample * 1000 + channel * 100 + row * 10 + col + 1;
    }

    /** Images [samples.length, channels, h, w] of the given dataset samples. */
    private static Batch images(long[] samples, int channels, int h, int w) {
        float[] v = new float[samples.length * channels * h * w];
        int k = 0;
        for (long s : samples) {
            for (int c = 0; c < channels; c++) {
                for (int r = 0; r < h; r++) {
                    for (int col = 0; col < w; col++) {
                        v[k++] = pixel(s, c, r, col);
                    }
                }
            }
        }
        return new Batch(Tensor.of(v, samples.length, channels, h, w), Tensor.of(samples.clone(), samples.length));
    }

    private static float[][] apply(Transform t, long seed, int epoch, long[] samples, int channels, int h, int w) {
        try (Batch out = t.apply(images(samples, channels, h, w), new BatchContext(seed, epoch, 0, samples))) {
            float[] all = out.input().toFloatArray();
            int per = all.length / samples.length;
            float[][] rows = new float[samples.length][];
            for (int i = 0; i < samples.length; i++) {
                rows[i] = Arrays.copyOfRange(all, i * per, (i + 1) * per);
            }
            return rows;
        }
    }

    @Test
    void flipWithProbabilityOneMirrorsEveryChannel() {
        float[][] out = apply(new RandomHorizontalFlip(1), 0, 0, new long[] {3}, 2, 2, 3);
        assertThat(out[0]).containsExactly(
                pixel(3, 0, 0, 2), pixel(3, 0, 0, 1), pixel(3, 0, 0, 0), pixel(3, 0, 1, 2), pixel(3, 0, 1, 1), pixel(3, 0, 1, 0),
                pixel(3, 1, 0, 2), pixel(3, 1, 0, 1), pixel(3, 1, 0, 0), pixel(3, 1, 1, 2), pixel(3, 1, 1, 1), pixel(3, 1, 1, 0));
        float[][] unchanged = apply(new RandomHorizontalFlip(0), 0, 0, new long[] {3}, 2, 2, 3);
        assertThat(unchanged[0]).containsExactly(images0(3, 2, 2, 3));
    }

    private static float[] images0(long sample, int channels, int h, int w) {
        try (Batch b = images(new long[] {sample}, channels, h, w)) {
            return b.input().toFloatArray();
        }
    }

    @Test
    void flipsAboutHalfTheSamplesDependingOnlyOnSeedEpochAndSample() {
        long[] samples = new long[1000];
        Arrays.setAll(samples, i -> i);
        RandomHorizontalFlip flip = new RandomHorizontalFlip(0.5);
        float[][] out = apply(flip, 9, 2, samples, 1, 1, 2);
        int flipped = 0;
        for (int i = 0; i < samples.length; i++) {
            boolean f = out[i][0] == pixel(i, 0, 0, 1);
            flipped += f ? 1 : 0;
            assertThat(out[i]).containsExactly(f ? new float[] {pixel(i, 0, 0, 1), pixel(i, 0, 0, 0)}
                    : new float[] {pixel(i, 0, 0, 0), pixel(i, 0, 0, 1)});
        }
        assertThat(flipped).isBetween(440, 560);

        // the same samples in another batch, order and position get the same decisions
        float[][] regrouped = apply(flip, 9, 2, new long[] {999, 5, 0}, 1, 1, 2);
        assertThat(regrouped[0]).containsExactly(out[999]);
        assertThat(regrouped[1]).containsExactly(out[5]);
        assertThat(regrouped[2]).containsExactly(out[0]);
        // another epoch or seed decides differently for some samples
        assertThat(apply(flip, 9, 3, samples, 1, 1, 2)).isNotEqualTo(out);
        assertThat(apply(flip, 10, 2, samples, 1, 1, 2)).isNotEqualTo(out);
    }

    @Test
    void cropWithoutPaddingOfTheFullSizeIsTheIdentity() {
        float[][] out = apply(new RandomCrop(3, 0), 1, 0, new long[] {4, 5}, 2, 3, 3);
        assertThat(out[0]).containsExactly(images0(4, 2, 3, 3));
        assertThat(out[1]).containsExactly(images0(5, 2, 3, 3));
    }

    @Test
    void paddedCropsAreWindowsOfTheZeroPaddedImageAtEveryOffset() {
        int size = 4;
        int padding = 2;
        long[] samples = new long[400];
        Arrays.setAll(samples, i -> i);
        float[][] out = apply(new RandomCrop(size, padding), 5, 1, samples, 2, size, size);
        Set<List<Integer>> offsets = new HashSet<>();
        for (int i = 0; i < samples.length; i++) {
            List<Integer> offset = matchingOffset(out[i], i, 2, size, size, padding, size, size);
            assertThat(offset).as("sample %d is a window of its padded image", i).isNotNull();
            offsets.add(offset);
        }
        assertThat(offsets).as("all (2p+1)^2 positions occur").hasSize(25);
    }

    @Test
    void rectangularCropsSmallerThanTheImage() {
        long[] samples = new long[200];
        Arrays.setAll(samples, i -> i);
        float[][] out = apply(new RandomCrop(2, 3, 0), 5, 0, samples, 1, 4, 5);
        Set<List<Integer>> offsets = new HashSet<>();
        for (int i = 0; i < samples.length; i++) {
            assertThat(out[i]).hasSize(6);
            List<Integer> offset = matchingOffset(out[i], i, 1, 4, 5, 0, 2, 3);
            assertThat(offset).isNotNull();
            offsets.add(offset);
        }
        assertThat(offsets).hasSize(3 * 3);
    }

    /** The (top, left) in the padded image whose window equals {@code crop} for every channel, or null. */
    private static List<Integer> matchingOffset(float[] crop, long sample, int channels, int h, int w, int pad, int ch, int cw) {
        for (int top = 0; top + ch <= h + 2 * pad; top++) {
            for (int left = 0; left + cw <= w + 2 * pad; left++) {
                boolean match = true;
                for (int c = 0; c < channels && match; c++) {
                    for (int i = 0; i < ch && match; i++) {
                        for (int j = 0; j < cw && match; j++) {
                            int r = top + i - pad;
                            int col = left + j - pad;
                            float expected = r >= 0 && r < h && col >= 0 && col < w ? pixel(sample, c, r, col) : 0;
                            match = crop[(c * ch + i) * cw + j] == expected;
                        }
                    }
                }
                if (match) {
                    return List.of(top, left);
                }
            }
        }
        return null;
    }

    @Test
    void cropArgumentsAndSizesAreChecked() {
        assertThatThrownBy(() -> new RandomCrop(0, 1)).hasMessageContaining("crop size must be >= 1, got 0x0");
        assertThatThrownBy(() -> new RandomCrop(2, -1)).hasMessageContaining("padding must be >= 0, got -1");
        assertThatThrownBy(() -> apply(new RandomCrop(8, 1), 0, 0, new long[] {0}, 1, 4, 4))
                .hasMessageContaining("crop 8x8 is larger than the padded image 6x6");
        assertThatThrownBy(() -> new RandomHorizontalFlip(2)).hasMessageContaining("p must be a probability in [0, 1], got 2.0");
        Batch flat = new Batch(Tensor.zeros(2, 3), null);
        assertThatThrownBy(() -> new RandomHorizontalFlip().apply(flat, new BatchContext(0, 0, 0, new long[] {0, 1})))
                .hasMessageContaining("needs images [batch, ..., height, width], got FLOAT32[2, 3]");
    }

    @Test
    void aChainGivesEachRandomTransformItsOwnStream() {
        long[] samples = new long[200];
        Arrays.setAll(samples, i -> i);
        // if both flips drew the same numbers they would always cancel out
        float[][] out = apply(Transform.compose(new RandomHorizontalFlip(0.5), new RandomHorizontalFlip(0.5)), 3, 0, samples, 1, 1, 2);
        int changed = 0;
        for (int i = 0; i < samples.length; i++) {
            changed += out[i][0] != pixel(i, 0, 0, 0) ? 1 : 0;
        }
        assertThat(changed).isBetween(60, 140);
        // nesting flattens: the same stages as one flat chain
        Transform nested = new RandomHorizontalFlip(0.5).andThen(Transform.compose(new RandomCrop(1, 2, 1)));
        Transform flat = Transform.compose(new RandomHorizontalFlip(0.5), new RandomCrop(1, 2, 1));
        assertThat(apply(nested, 3, 0, samples, 1, 1, 2)).isEqualTo(apply(flat, 3, 0, samples, 1, 1, 2));
        assertThatThrownBy(() -> Transform.compose(new RandomHorizontalFlip(), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("transform at position 1 is null");
    }

    /** Images whose pixels say which sample they are. */
    private static final class ImageDataset implements Dataset {
        @Override
        public long size() {
            return 64;
        }

        @Override
        public Batch batch(long[] indices) {
            return images(indices, 1, 3, 3);
        }
    }

    @Test
    void augmentationThroughALoaderIsTheSameForEveryWorkerCountAndBatchSize() {
        Transform augment = Transform.compose(new RandomCrop(3, 1), new RandomHorizontalFlip());
        List<float[]> serial = epochBySample(DataLoader.builder(new ImageDataset()).batchSize(5).shuffle(true).seed(4)
                .transform(augment).build(), 1);
        List<float[]> workers = epochBySample(DataLoader.builder(new ImageDataset()).batchSize(16).shuffle(true).seed(4)
                .numWorkers(3).transform(augment).build(), 1);
        assertThat(workers).usingRecursiveComparison().isEqualTo(serial);
        List<float[]> nextEpoch = epochBySample(DataLoader.builder(new ImageDataset()).batchSize(5).shuffle(true).seed(4)
                .transform(augment).build(), 2);
        assertThat(nextEpoch).usingRecursiveComparison().isNotEqualTo(serial);
    }

    /** Augmented pixels of every sample of one epoch, indexed by sample. */
    private static List<float[]> epochBySample(DataLoader loader, int epoch) {
        float[][] bySample = new float[(int) loader.dataset().size()][];
        var it = loader.iterate(epoch);
        while (it.hasNext()) {
            try (Batch batch = it.next()) {
                long[] samples = batch.target().toLongArray();
                float[] pixels = batch.input().toFloatArray();
                int per = pixels.length / samples.length;
                for (int i = 0; i < samples.length; i++) {
                    bySample[(int) samples[i]] = Arrays.copyOfRange(pixels, i * per, (i + 1) * per);
                }
            }
        }
        return new ArrayList<>(Arrays.asList(bySample));
    }
}
