package dev.ithaca.nn;

import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.tensor.Window2d;

/**
 * Average pooling to a fixed output size {@code [N, C, outH, outW]} whatever the input size, as
 * {@code nn.AdaptiveAvgPool2d}. Output cell {@code i} averages input rows
 * {@code [floor(i*H/outH), ceil((i+1)*H/outH))} (and likewise for columns), so windows may overlap
 * when the sizes do not divide. When they do, this is plain average pooling with kernel = stride =
 * {@code H/outH}; otherwise the window means are two matrix products, {@code Ph · x · Pwᵀ}, where
 * row {@code i} of {@code Ph} holds {@code 1/len} over window {@code i}.
 */
public final class AdaptiveAvgPool2d extends Module {
    private final int outputH;
    private final int outputW;

    /** Square output. */
    public AdaptiveAvgPool2d(int outputSize) {
        this(outputSize, outputSize);
    }

    public AdaptiveAvgPool2d(int outputH, int outputW) {
        this.outputH = Checks.atLeast("AdaptiveAvgPool2d", "outputH", outputH, 1);
        this.outputW = Checks.atLeast("AdaptiveAvgPool2d", "outputW", outputW, 1);
    }

    @Override
    public Tensor forward(Tensor input) {
        Checks.rank("AdaptiveAvgPool2d", input, 4, "[N, C, H, W]");
        Checks.floating("AdaptiveAvgPool2d", input);
        long h = input.size(2);
        long w = input.size(3);
        if (h % outputH == 0 && w % outputW == 0) {
            int kh = Math.toIntExact(h / outputH);
            int kw = Math.toIntExact(w / outputW);
            return input.avgPool2d(new Window2d(kh, kw, kh, kw, 0, 0, 1, 1), true);
        }
        try (Tensor rows = poolingMatrix(outputH, h, input);
             Tensor columns = poolingMatrix(outputW, w, input);
             Tensor columnsT = columns.t();
             Tensor pooledW = input.matmul(columnsT)) {
            return rows.matmul(pooledW);
        }
    }

    /** {@code [out, in]}: row i averages PyTorch's adaptive window i, in the input's dtype and backend. */
    private static Tensor poolingMatrix(int out, long in, Tensor like) {
        double[] values = new double[Math.toIntExact(out * in)];
        for (int i = 0; i < out; i++) {
            long start = Math.floorDiv(i * in, out);
            long end = -Math.floorDiv(-(i + 1) * in, out);
            for (long j = start; j < end; j++) {
                values[(int) (i * in + j)] = 1.0 / (end - start);
            }
        }
        try (Tensor host = Tensor.of(values, out, in); Tensor typed = host.to(like.dtype())) {
            return typed.to(like.backend());
        }
    }

    public int outputH() {
        return outputH;
    }

    public int outputW() {
        return outputW;
    }

    @Override
    protected String extraRepr() {
        return "outputSize=(" + outputH + ", " + outputW + ")";
    }
}
