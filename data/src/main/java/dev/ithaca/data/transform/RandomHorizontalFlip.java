package dev.ithaca.data.transform;

import dev.ithaca.data.BatchContext;
import dev.ithaca.data.Transform;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;

/**
 * Mirrors each image {@code [batch, ..., height, width]} left to right with probability {@code p},
 * decided per sample from the batch context's seeded stream (torchvision's
 * {@code RandomHorizontalFlip}).
 */
public final class RandomHorizontalFlip implements Transform {
    private final double p;

    /** Flips with probability 0.5. */
    public RandomHorizontalFlip() {
        this(0.5);
    }

    public RandomHorizontalFlip(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("RandomHorizontalFlip: p must be a probability in [0, 1], got " + p);
        }
        this.p = p;
    }

    @Override
    public Batch apply(Batch batch, BatchContext context) {
        Tensor x = batch.input();
        if (x.dim() < 3) {
            throw new IllegalArgumentException("RandomHorizontalFlip: needs images [batch, ..., height, width], got " + x.describe());
        }
        int height = (int) x.shape()[x.dim() - 2];
        int width = (int) x.shape()[x.dim() - 1];
        Tensor flipped = PlaneRemap.apply("RandomHorizontalFlip", x, height, width, context, (sample, rows, columns) -> {
            boolean flip = context.random(sample).nextBoolean(p);
            for (int i = 0; i < height; i++) {
                rows[i] = i;
            }
            for (int j = 0; j < width; j++) {
                columns[j] = flip ? width - 1 - j : j;
            }
        });
        x.close();
        return new Batch(flipped, batch.target());
    }

    @Override
    public String toString() {
        return "RandomHorizontalFlip(p=" + p + ")";
    }
}
