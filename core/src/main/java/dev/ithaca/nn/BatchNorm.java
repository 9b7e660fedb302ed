package dev.ithaca.nn;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.memory.Scope;
import dev.ithaca.nn.init.Init;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;

import java.util.Arrays;
import java.util.Optional;

/**
 * Batch normalization over every dimension but the channels (dim 1), as PyTorch's {@code _BatchNorm}.
 * In training it normalizes with the batch mean and biased variance and, when tracking, updates
 * {@code running = (1 - momentum) * running + momentum * batch} using the <em>unbiased</em> batch
 * variance (as PyTorch does) and counts batches in {@code num_batches_tracked}. In evaluation it uses
 * the running statistics, or the batch's own when not tracking. Buffer names match PyTorch's so
 * state dicts carry over.
 */
public abstract sealed class BatchNorm extends Module permits BatchNorm1d, BatchNorm2d {
    private final int numFeatures;
    private final double eps;
    private final double momentum;
    private final boolean affine;
    private final boolean trackRunningStats;

    BatchNorm(String layer, int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        this.numFeatures = Checks.atLeast(layer, "numFeatures", numFeatures, 1);
        this.eps = Checks.positiveFinite(layer, "eps", eps);
        this.momentum = Checks.probability(layer, "momentum", momentum);
        this.affine = affine;
        this.trackRunningStats = trackRunningStats;
        if (affine) {
            Init.ones(createParameter("weight", DType.FLOAT32, numFeatures));
            createParameter("bias", DType.FLOAT32, numFeatures);
        }
        if (trackRunningStats) {
            registerBuffer("running_mean", Tensor.zeros(DType.FLOAT32, numFeatures));
            registerBuffer("running_var", Tensor.ones(DType.FLOAT32, numFeatures));
            registerBuffer("num_batches_tracked", Tensor.zeros(DType.INT64));
        }
    }

    /** Throws when the input's rank is not one this layer accepts. */
    abstract void checkRank(Tensor input);

    @Override
    public final Tensor forward(Tensor input) {
        String layer = getClass().getSimpleName();
        checkRank(input);
        Checks.floating(layer, input);
        long[] shape = input.shape();
        if (shape[1] != numFeatures) {
            throw new IllegalArgumentException(layer + ": input of shape " + Arrays.toString(shape) + " has " + shape[1]
                    + " channels in dim 1, expected numFeatures=" + numFeatures);
        }
        long perChannel = input.numel() / numFeatures;
        if (isTraining() && perChannel <= 1) {
            throw new IllegalArgumentException(layer + ": training needs more than 1 value per channel to estimate a"
                    + " variance, got input of shape " + Arrays.toString(shape));
        }
        int[] reduced = new int[shape.length - 1];
        long[] channelShape = new long[shape.length];
        Arrays.fill(channelShape, 1);
        channelShape[1] = numFeatures;
        for (int d = 0, j = 0; d < shape.length; d++) {
            if (d != 1) {
                reduced[j++] = d;
            }
        }
        try (Temporaries tmp = new Temporaries()) {
            Tensor centered;
            Tensor variance;
            if (isTraining() || !trackRunningStats) {
                Tensor mean = tmp.add(input.mean(reduced, true));
                centered = tmp.add(input.sub(mean));
                variance = tmp.add(tmp.add(centered.square()).mean(reduced, true));
                if (isTraining() && trackRunningStats) {
                    updateRunningStats(mean, variance, perChannel);
                }
            } else {
                centered = tmp.add(input.sub(tmp.add(buffer("running_mean").view(channelShape))));
                variance = tmp.add(buffer("running_var").view(channelShape));
            }
            Tensor normalized = centered.mul(tmp.add(tmp.add(variance.add(eps)).rsqrt()));
            if (affine) {
                Tensor scaled = tmp.add(normalized).mul(tmp.add(parameter("weight").view(channelShape)));
                normalized = tmp.add(scaled).add(tmp.add(parameter("bias").view(channelShape)));
            }
            return tmp.keep(normalized);
        }
    }

    private void updateRunningStats(Tensor batchMean, Tensor batchVariance, long perChannel) {
        try (Scope ignored = Scope.open(); NoGrad noGrad = NoGrad.enter()) {
            Tensor runningMean = buffer("running_mean");
            Tensor runningVar = buffer("running_var");
            Tensor unbiased = batchVariance.reshape(numFeatures).mul((double) perChannel / (perChannel - 1));
            runningMean.copyFrom(runningMean.mul(1 - momentum).add(batchMean.reshape(numFeatures).mul(momentum)));
            runningVar.copyFrom(runningVar.mul(1 - momentum).add(unbiased.mul(momentum)));
            Tensor batches = buffer("num_batches_tracked");
            batches.copyFrom(batches.add(1));
        }
    }

    public final int numFeatures() {
        return numFeatures;
    }

    public final double eps() {
        return eps;
    }

    public final double momentum() {
        return momentum;
    }

    public final Optional<Parameter> weight() {
        return affine ? Optional.of(parameter("weight")) : Optional.empty();
    }

    public final Optional<Parameter> bias() {
        return affine ? Optional.of(parameter("bias")) : Optional.empty();
    }

    /** The running mean, or empty when not tracking running statistics. */
    public final Optional<Tensor> runningMean() {
        return trackRunningStats ? Optional.of(buffer("running_mean")) : Optional.empty();
    }

    public final Optional<Tensor> runningVar() {
        return trackRunningStats ? Optional.of(buffer("running_var")) : Optional.empty();
    }

    /** Training batches seen (0 when not tracking). */
    public final long numBatchesTracked() {
        return trackRunningStats ? (long) buffer("num_batches_tracked").item() : 0;
    }

    @Override
    protected final String extraRepr() {
        return "numFeatures=" + numFeatures + ", eps=" + eps + ", momentum=" + momentum + ", affine=" + affine
                + ", trackRunningStats=" + trackRunningStats;
    }
}
