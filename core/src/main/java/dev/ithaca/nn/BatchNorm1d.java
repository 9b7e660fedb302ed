package dev.ithaca.nn;

import dev.ithaca.tensor.Tensor;

/** {@link BatchNorm} over {@code [N, C]} or {@code [N, C, L]}, as {@code nn.BatchNorm1d}. */
public final class BatchNorm1d extends BatchNorm {

    /** eps 1e-5, momentum 0.1, affine, tracking running statistics. */
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    public BatchNorm1d(int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        super("BatchNorm1d", numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    void checkRank(Tensor input) {
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException("BatchNorm1d: expected a 2-D [N, C] or 3-D [N, C, L] input, got shape "
                    + java.util.Arrays.toString(input.shape()));
        }
    }
}
