package dev.ithaca.data.idx;

import dev.ithaca.data.DataFormatException;
import dev.ithaca.data.Dataset;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Images and labels from a pair of IDX files (MNIST, Fashion-MNIST, EMNIST, KMNIST), plain or gzip.
 * Batches are {@code input} FLOAT32 {@code [batch, 1, rows, cols]} for the usual 3-D image files
 * ({@code [batch, ...]} as stored for other ranks), with unsigned bytes scaled to {@code [0, 1]}
 * as torchvision's {@code ToTensor} ({@code value / 255}), and {@code target} INT64 class
 * indices {@code [batch]}. The pixels stay in the files' compact arrays; each batch is built
 * straight from them into one tensor.
 */
public final class IdxDataset implements Dataset {
    /** {@code i / 255f} for every unsigned byte: exact torchvision scaling without a division per pixel. */
    private static final float[] UNIT_SCALE = unitScale();

    private final IdxFile images;
    private final int[] labels;
    private final long[] exampleShape;
    private final int numClasses;

    private IdxDataset(IdxFile images, IdxFile labelFile) {
        this.images = Objects.requireNonNull(images, "images");
        Objects.requireNonNull(labelFile, "labels");
        long[] shape = images.shape();
        if (shape.length < 2) {
            throw new DataFormatException(images.path(), "holds shape " + Arrays.toString(shape)
                    + ", expected images [count, rows, cols] (is it the labels file?)");
        }
        if (labelFile.shape().length != 1) {
            throw new DataFormatException(labelFile.path(), "holds shape " + Arrays.toString(labelFile.shape())
                    + ", expected one label per image [count]");
        }
        if (!labelFile.type().isIntegral()) {
            throw new DataFormatException(labelFile.path(), "holds " + labelFile.type() + " values; class labels must be an"
                    + " integer type (ubyte, byte, short or int)");
        }
        if (labelFile.count() != images.count()) {
            throw new DataFormatException(labelFile.path(), "has " + labelFile.count() + " labels but " + images.path()
                    + " has " + images.count() + " images; the counts must match");
        }
        this.labels = labelFile.ints();
        int max = -1;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new DataFormatException(labelFile.path(), "label " + i + " is " + labels[i] + "; class labels must be >= 0");
            }
            max = Math.max(max, labels[i]);
        }
        this.numClasses = max + 1;
        this.exampleShape = shape.length == 3
                ? new long[] {1, shape[1], shape[2]}
                : Arrays.copyOfRange(shape, 1, shape.length);
    }

    /** Reads the images and labels files (each plain or gzip). */
    public static IdxDataset of(Path images, Path labels) {
        return new IdxDataset(IdxFile.read(images), IdxFile.read(labels));
    }

    /** Pairs IDX files already read. */
    public static IdxDataset of(IdxFile images, IdxFile labels) {
        return new IdxDataset(images, labels);
    }

    @Override
    public long size() {
        return images.count();
    }

    /** Shape of one input example, e.g. {@code [1, 28, 28]}. */
    public long[] exampleShape() {
        return exampleShape.clone();
    }

    /** Largest label + 1 (10 for MNIST). */
    public int numClasses() {
        return numClasses;
    }

    /** Class label of example {@code index}. */
    public int label(long index) {
        Objects.checkIndex(index, labels.length);
        return labels[(int) index];
    }

    public IdxFile images() {
        return images;
    }

    @Override
    public Batch batch(long[] indices) {
        int itemSize = images.itemSize();
        float[] pixels = new float[Math.multiplyExact(indices.length, itemSize)];
        long[] targets = new long[indices.length];
        for (int row = 0; row < indices.length; row++) {
            long index = indices[row];
            if (index < 0 || index >= labels.length) {
                throw new IndexOutOfBoundsException("IdxDataset: index " + index + " is outside [0, " + labels.length + ")");
            }
            images.copyItem((int) index, pixels, row * itemSize, UNIT_SCALE);
            targets[row] = labels[(int) index];
        }
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = indices.length;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        Tensor input = Tensor.of(pixels, shape);
        try {
            return new Batch(input, Tensor.of(targets, indices.length));
        } catch (RuntimeException e) {
            input.close();
            throw e;
        }
    }

    private static float[] unitScale() {
        float[] scale = new float[256];
        for (int i = 0; i < scale.length; i++) {
            scale[i] = i / 255f;
        }
        return scale;
    }

    @Override
    public String toString() {
        return "IdxDataset(" + images.path() + ", " + size() + " examples " + Arrays.toString(exampleShape) + ")";
    }
}
