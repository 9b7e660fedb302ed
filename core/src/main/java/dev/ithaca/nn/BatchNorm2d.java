package dev.ithaca.nn;

import dev.ithaca.tensor.Tensor;

/** {@link BatchNorm} over {@code [N, C, H, W]}, as {@code nn.BatchNorm2d}. */
public final class BatchNorm2d extends BatchNorm {

    /** eps 1e-5, momentum 0.1, affine, tracking running statistics. */
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    public BatchNorm2d(int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        super("BatchNorm2d", numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    void checkRank(Tensor input) {
        Checks.rank("BatchNorm2d", input, 4, "[N, C, H, W]");
    }
}
