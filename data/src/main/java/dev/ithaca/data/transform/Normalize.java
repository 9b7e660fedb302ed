package dev.ithaca.data.transform;

import dev.ithaca.data.BatchContext;
import dev.ithaca.data.Transform;
import dev.ithaca.memory.Scope;
import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;

import java.util.Arrays;

/**
 * {@code (input - mean[c]) / std[c]} per channel {@code c} (dimension 1 of the batch), as
 * torchvision's {@code Normalize}: for {@code [batch, channels, height, width]} images or
 * {@code [batch, features]} tables. One mean/std value applies to every channel. Runs as two
 * broadcast tensor ops on the batch's backend, in the input's dtype.
 */
public final class Normalize implements Transform {
    private final double[] mean;
    private final double[] std;

    /** @param mean per channel, or one value for all; @param std per channel (each > 0), or one value */
    public Normalize(double[] mean, double[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("Normalize: mean and std need the same non-zero length, got mean "
                    + Arrays.toString(mean) + " and std " + Arrays.toString(std));
        }
        for (int c = 0; c < mean.length; c++) {
            if (!Double.isFinite(mean[c])) {
                throw new IllegalArgumentException("Normalize: mean[" + c + "] must be finite, got " + mean[c]);
            }
            if (!(std[c] > 0) || Double.isInfinite(std[c])) {
                throw new IllegalArgumentException("Normalize: std[" + c + "] must be positive and finite, got " + std[c]);
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** The same mean and std for every channel. */
    public Normalize(double mean, double std) {
        this(new double[] {mean}, new double[] {std});
    }

    @Override
    public Batch apply(Batch batch, BatchContext context) {
        Tensor x = batch.input();
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("Normalize: needs a floating-point input, got " + x.describe());
        }
        int channels = mean.length == 1 ? 1 : channelsOf(x);
        long[] statShape = new long[Math.max(x.dim(), 1)];
        Arrays.fill(statShape, 1);
        if (x.dim() >= 2) {
            statShape[1] = channels;
        }
        Tensor normalized;
        try (Scope scope = Scope.open(); Backends.Use use = Backends.use(x.backend())) {
            Tensor m = stats(mean, x.dtype(), statShape);
            Tensor s = stats(std, x.dtype(), statShape);
            normalized = scope.detach(x.sub(m).div(s));
        }
        x.close();
        return new Batch(normalized, batch.target());
    }

    private int channelsOf(Tensor x) {
        if (x.dim() < 2 || x.shape()[1] != mean.length) {
            throw new IllegalArgumentException("Normalize: " + mean.length + " mean/std values need an input with "
                    + mean.length + " channels in dimension 1, got " + x.describe());
        }
        return mean.length;
    }

    private static Tensor stats(double[] values, DType dtype, long[] shape) {
        if (dtype == DType.FLOAT64) {
            return Tensor.of(values.clone(), shape);
        }
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return Tensor.of(floats, shape);
    }

    @Override
    public String toString() {
        return "Normalize(mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ")";
    }
}
