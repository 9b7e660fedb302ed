package dev.ithaca.data.transform;

import dev.ithaca.data.BatchContext;
import dev.ithaca.data.SampleRandom;
import dev.ithaca.data.Transform;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;

/**
 * Pads each image {@code [batch, ..., height, width]} with {@code padding} zeros on every side,
 * then cuts a {@code cropHeight x cropWidth} window at a position drawn per sample from the
 * batch context's seeded stream, as torchvision's {@code RandomCrop(size, padding)} (constant
 * zero fill). The classic CIFAR augmentation is {@code new RandomCrop(32, 4)}.
 */
public final class RandomCrop implements Transform {
    private final int cropHeight;
    private final int cropWidth;
    private final int padding;

    /** A square {@code size x size} crop. */
    public RandomCrop(int size, int padding) {
        this(size, size, padding);
    }

    public RandomCrop(int cropHeight, int cropWidth, int padding) {
        if (cropHeight < 1 || cropWidth < 1) {
            throw new IllegalArgumentException("RandomCrop: crop size must be >= 1, got " + cropHeight + "x" + cropWidth);
        }
        if (padding < 0) {
            throw new IllegalArgumentException("RandomCrop: padding must be >= 0, got " + padding);
        }
        this.cropHeight = cropHeight;
        this.cropWidth = cropWidth;
        this.padding = padding;
    }

    @Override
    public Batch apply(Batch batch, BatchContext context) {
        Tensor x = batch.input();
        if (x.dim() < 3) {
            throw new IllegalArgumentException("RandomCrop: needs images [batch, ..., height, width], got " + x.describe());
        }
        int height = (int) x.shape()[x.dim() - 2];
        int width = (int) x.shape()[x.dim() - 1];
        int paddedHeight = height + 2 * padding;
        int paddedWidth = width + 2 * padding;
        if (cropHeight > paddedHeight || cropWidth > paddedWidth) {
            throw new IllegalArgumentException("RandomCrop: crop " + cropHeight + "x" + cropWidth + " is larger than the padded image "
                    + paddedHeight + "x" + paddedWidth + " (input " + x.describe() + ", padding " + padding + ")");
        }
        Tensor cropped = PlaneRemap.apply("RandomCrop", x, cropHeight, cropWidth, context, (sample, rows, columns) -> {
            SampleRandom random = context.random(sample);
            int top = random.nextInt(paddedHeight - cropHeight + 1);
            int left = random.nextInt(paddedWidth - cropWidth + 1);
            for (int i = 0; i < cropHeight; i++) {
                int r = top + i - padding;
                rows[i] = r >= 0 && r < height ? r : -1;
            }
            for (int j = 0; j < cropWidth; j++) {
                int c = left + j - padding;
                columns[j] = c >= 0 && c < width ? c : -1;
            }
        });
        x.close();
        return new Batch(cropped, batch.target());
    }

    @Override
    public String toString() {
        return "RandomCrop(" + cropHeight + "x" + cropWidth + ", padding=" + padding + ")";
    }
}
