package dev.ithaca.data.transform;

import dev.ithaca.data.BatchContext;
import dev.ithaca.memory.Scope;
import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.Tensor;

import java.util.Arrays;

/**
 * Per-sample geometric changes of images {@code [batch, ..., height, width]} that move whole rows
 * and columns: each sample says, for every output row and column, which input row and column it
 * reads (or -1 for padding, which reads 0). Flips and padded crops are such maps. Runs on the
 * host over the batch's values, as torchvision's per-image transforms do, and puts the result
 * back on the batch's backend in its dtype.
 */
final class PlaneRemap {
    /** Fills, for one sample, the input row of each output row and the input column of each output column. */
    interface SampleAxes {
        void fill(int sample, int[] sourceRows, int[] sourceColumns);
    }

    private PlaneRemap() {
    }

    static Tensor apply(String transform, Tensor x, int outHeight, int outWidth, BatchContext context, SampleAxes axes) {
        if (x.dim() < 3) {
            throw new IllegalArgumentException(transform + ": needs images [batch, ..., height, width], got " + x.describe());
        }
        long[] shape = x.shape();
        int batch = (int) shape[0];
        int height = (int) shape[x.dim() - 2];
        int width = (int) shape[x.dim() - 1];
        long planes = 1;
        for (int d = 1; d < x.dim() - 2; d++) {
            planes *= shape[d];
        }
        if (batch != context.size()) {
            throw new IllegalArgumentException(transform + ": batch has " + batch + " rows but its context " + context.size());
        }
        double[] in = x.toDoubleArray();
        double[] out = new double[Math.toIntExact((long) batch * planes * outHeight * outWidth)];
        int[] rows = new int[outHeight];
        int[] columns = new int[outWidth];
        int inPlane = height * width;
        int outPlane = outHeight * outWidth;
        for (int b = 0; b < batch; b++) {
            axes.fill(b, rows, columns);
            for (long p = 0; p < planes; p++) {
                int inBase = (int) ((b * planes + p) * inPlane);
                int outBase = (int) ((b * planes + p) * outPlane);
                for (int i = 0; i < outHeight; i++) {
                    int r = rows[i];
                    if (r < 0) {
                        continue; // padding row: stays 0
                    }
                    int src = inBase + r * width;
                    int dst = outBase + i * outWidth;
                    for (int j = 0; j < outWidth; j++) {
                        int c = columns[j];
                        if (c >= 0) {
                            out[dst + j] = in[src + c];
                        }
                    }
                }
            }
        }
        long[] outShape = Arrays.copyOf(shape, shape.length);
        outShape[x.dim() - 2] = outHeight;
        outShape[x.dim() - 1] = outWidth;
        try (Scope scope = Scope.open(); Backends.Use use = Backends.use(x.backend())) {
            Tensor values = Tensor.of(out, outShape);
            return scope.detach(values.dtype() == x.dtype() ? values : values.to(x.dtype()));
        }
    }
}
