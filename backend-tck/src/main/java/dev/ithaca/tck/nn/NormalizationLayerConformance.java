package dev.ithaca.tck.nn;

import dev.ithaca.nn.BatchNorm;
import dev.ithaca.nn.BatchNorm1d;
import dev.ithaca.nn.BatchNorm2d;
import dev.ithaca.nn.LayerNorm;
import dev.ithaca.tck.BackendConformanceTest;
import dev.ithaca.tck.Samples;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static dev.ithaca.tck.Approx.assertTensor;
import static dev.ithaca.tck.Approx.assertValues;
import static dev.ithaca.tck.nn.NnSamples.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** LayerNorm and BatchNorm1d/2d against their closed forms, running statistics as PyTorch keeps them, and gradients. */
public abstract class NormalizationLayerConformance extends BackendConformanceTest {

    // ---- LayerNorm -------------------------------------------------------------------------------

    @Test
    void layerNormStartsAsIdentityAffine() {
        LayerNorm norm = new LayerNorm(5);
        assertThat(norm.namedParameters().keySet()).containsExactly("weight", "bias");
        assertValues(norm.weight().orElseThrow(), 1, 1, 1, 1, 1);
        assertValues(norm.bias().orElseThrow(), 0, 0, 0, 0, 0);
        assertThat(norm.eps()).isEqualTo(1e-5);
    }

    @Test
    void layerNormMatchesTheClosedFormOverTheLastDimension() {
        LayerNorm norm = new LayerNorm(6);
        norm.to(DType.FLOAT64);
        NnSamples.randomize(norm, 1, -2, 2);
        double[] x = Samples.floats(2, 36, -3, 3);
        assertTensor(norm.forward(Tensor.of(x, 2, 3, 6)), new long[] {2, 3, 6},
                NnReference.layerNorm(x, 6, 6, values(norm, "weight"), values(norm, "bias"), 1e-5));
    }

    @Test
    void layerNormOverSeveralTrailingDimensionsWithItsEps() {
        LayerNorm norm = new LayerNorm(new long[] {3, 4}, 0.5, true);
        norm.to(DType.FLOAT64);
        NnSamples.randomize(norm, 3, -2, 2);
        assertThat(norm.weight().orElseThrow().shape()).containsExactly(3, 4);
        double[] x = Samples.floats(4, 24, -3, 3);
        double[] expected = NnReference.layerNorm(x, 2, 12, values(norm, "weight"), values(norm, "bias"), 0.5);
        assertTensor(norm.forward(Tensor.of(x, 2, 3, 4)), new long[] {2, 3, 4}, expected);
        // the large eps matters: without it the result would differ
        double[] smallEps = NnReference.layerNorm(x, 2, 12, values(norm, "weight"), values(norm, "bias"), 1e-5);
        assertThat(expected).isNotEqualTo(smallEps);
    }

    @Test
    void layerNormWithoutAffineHasNoParametersAndOnlyNormalizes() {
        LayerNorm norm = new LayerNorm(new long[] {4}, 1e-5, false);
        assertThat(norm.namedParameters()).isEmpty();
        assertThat(norm.weight()).isEmpty();
        double[] x = Samples.floats(5, 12, -3, 3);
        assertValues(norm.forward(Tensor.of(x, 3, 4)), NnReference.layerNorm(x, 3, 4, null, null, 1e-5));
    }

    @Test
    void layerNormWithoutBiasKeepsTheWeight() {
        LayerNorm norm = new LayerNorm(new long[] {4}, 1e-5, true, false);
        norm.to(DType.FLOAT64);
        NnSamples.randomize(norm, 6, -2, 2);
        assertThat(norm.namedParameters().keySet()).containsExactly("weight");
        assertThat(norm.bias()).isEmpty();
        double[] x = Samples.floats(7, 8, -3, 3);
        assertValues(norm.forward(Tensor.of(x, 2, 4)), NnReference.layerNorm(x, 2, 4, values(norm, "weight"), null, 1e-5));
    }

    @Test
    void layerNormRejectsBadArgumentsAndShapes() {
        assertThatThrownBy(() -> new LayerNorm()).hasMessageContaining("normalizedShape");
        assertThatThrownBy(() -> new LayerNorm(3, 0)).hasMessageContaining("normalizedShape").hasMessageContaining("[3, 0]");
        assertThatThrownBy(() -> new LayerNorm(new long[] {3}, 0, true)).hasMessageContaining("eps").hasMessageContaining("0.0");
        assertThatThrownBy(() -> new LayerNorm(new long[] {3}, Double.NaN, true)).hasMessageContaining("eps");
        assertThatThrownBy(() -> new LayerNorm(4).forward(Tensor.zeros(2, 5))).hasMessageContaining("[2, 5]")
                .hasMessageContaining("[4]");
        assertThatThrownBy(() -> new LayerNorm(2, 3).forward(Tensor.zeros(3))).hasMessageContaining("[3]");
    }

    @Test
    void layerNormGradientsMatchFiniteDifferences() {
        LayerNorm norm = new LayerNorm(4);
        norm.to(DType.FLOAT64);
        NnSamples.randomize(norm, 8, -2, 2);
        ModuleGradCheck.check(norm, NnSamples.doubles(9, 2, 3, 4));
        LayerNorm twoDims = new LayerNorm(new long[] {2, 3}, 1e-3, true, false);
        twoDims.to(DType.FLOAT64);
        NnSamples.randomize(twoDims, 10, -2, 2);
        ModuleGradCheck.check(twoDims, NnSamples.doubles(11, 2, 2, 3));
    }

    // ---- BatchNorm -------------------------------------------------------------------------------

    @Test
    void batchNormHasPyTorchStateNamesAndInitialValues() {
        BatchNorm2d norm = new BatchNorm2d(3);
        assertThat(norm.stateDict().keySet()).containsExactly("weight", "bias", "running_mean", "running_var", "num_batches_tracked");
        assertThat(norm.namedParameters().keySet()).containsExactly("weight", "bias");
        assertValues(norm.weight().orElseThrow(), 1, 1, 1);
        assertValues(norm.bias().orElseThrow(), 0, 0, 0);
        assertValues(norm.runningMean().orElseThrow(), 0, 0, 0);
        assertValues(norm.runningVar().orElseThrow(), 1, 1, 1);
        assertThat(norm.stateDict().get("num_batches_tracked").dtype()).isEqualTo(DType.INT64);
        assertThat(norm.numBatchesTracked()).isZero();
        assertThat(norm.momentum()).isEqualTo(0.1);
        assertThat(norm.eps()).isEqualTo(1e-5);
    }

    @Test
    void batchNorm2dTrainingUsesBatchStatisticsAndUpdatesRunningStatsWithUnbiasedVariance() {
        BatchNorm2d norm = new BatchNorm2d(3);
        norm.to(DType.FLOAT64);
        NnSamples.randomize(norm, 1, -2, 2);
        long[] shape = {4, 3, 2, 3};
        double[] x = Samples.floats(2, 72, -3, 3);
        double[] mean = NnReference.channelMean(x, shape);
        double[] biased = NnReference.channelVariance(x, shape, 0);
        double[] unbiased = NnReference.channelVariance(x, shape, 1);
        assertTensor(norm.forward(Tensor.of(x, shape)), shape,
                NnReference.batchNorm(x, shape, mean, biased, values(norm, "weight"), values(norm, "bias"), 1e-5));
        double[] runningMean = new double[3];
        double[] runningVar = new double[3];
        for (int c = 0; c < 3; c++) {
            runningMean[c] = 0.1 * mean[c];
            runningVar[c] = 0.9 + 0.1 * unbiased[c];
        }
        assertValues(norm.runningMean().orElseThrow(), runningMean);
        assertValues(norm.runningVar().orElseThrow(), runningVar);
        assertThat(norm.numBatchesTracked()).isEqualTo(1);

        double[] x2 = Samples.floats(3, 72, -1, 5);
        norm.forward(Tensor.of(x2, shape));
        double[] mean2 = NnReference.channelMean(x2, shape);
        double[] unbiased2 = NnReference.channelVariance(x2, shape, 1);
        for (int c = 0; c < 3; c++) {
            runningMean[c] = 0.9 * runningMean[c] + 0.1 * mean2[c];
            runningVar[c] = 0.9 * runningVar[c] + 0.1 * unbiased2[c];
        }
        assertValues(norm.runningMean().orElseThrow(), runningMean);
        assertValues(norm.runningVar().orElseThrow(), runningVar);
        assertThat(norm.numBatchesTracked()).isEqualTo(2);
    }

    @Test
    void batchNorm1dNormalizesPerChannelOverBatchAndLength() {
        for (long[] shape : new long[][] {{6, 4}, {3, 4, 5}}) {
            BatchNorm1d norm = new BatchNorm1d(4, 1e-3, 0.5, true, true);
            norm.to(DType.FLOAT64);
            NnSamples.randomize(norm, 4, -2, 2);
            double[] x = Samples.floats(5, (int) Samples.numel(shape), -3, 3);
            double[] mean = NnReference.channelMean(x, shape);
            double[] biased = NnReference.channelVariance(x, shape, 0);
            double[] unbiased = NnReference.channelVariance(x, shape, 1);
            assertTensor(norm.forward(Tensor.of(x, shape)), shape,
                    NnReference.batchNorm(x, shape, mean, biased, values(norm, "weight"), values(norm, "bias"), 1e-3));
            double[] runningMean = new double[4];
            double[] runningVar = new double[4];
            for (int c = 0; c < 4; c++) {
                runningMean[c] = 0.5 * mean[c];
                runningVar[c] = 0.5 + 0.5 * unbiased[c];
            }
            assertValues(norm.runningMean().orElseThrow(), runningMean);
            assertValues(norm.runningVar().orElseThrow(), runningVar);
        }
    }

    @Test
    void batchNormEvaluationUsesTheRunningStatisticsAndLeavesThemAlone() {
        BatchNorm2d norm = new BatchNorm2d(2, 0.1, 0.1, true, true);
        norm.to(DType.FLOAT64);
        NnSamples.randomize(norm, 6, -2, 2);
        norm.runningMean().orElseThrow().copyFrom(Tensor.of(new double[] {0.5, -1}));
        norm.runningVar().orElseThrow().copyFrom(Tensor.of(new double[] {2, 0.25}));
        norm.eval();
        long[] shape = {2, 2, 2, 2};
        double[] x = Samples.floats(7, 16, -3, 3);
        assertTensor(norm.forward(Tensor.of(x, shape)), shape, NnReference.batchNorm(x, shape, new double[] {0.5, -1},
                new double[] {2, 0.25}, values(norm, "weight"), values(norm, "bias"), 0.1));
        assertValues(norm.runningMean().orElseThrow(), 0.5, -1);
        assertValues(norm.runningVar().orElseThrow(), 2, 0.25);
        assertThat(norm.numBatchesTracked()).isZero();
        // one value per channel is fine in evaluation
        assertThat(norm.forward(Tensor.zeros(DType.FLOAT64, 1, 2, 1, 1)).shape()).containsExactly(1, 2, 1, 1);
    }

    @Test
    void batchNormWithoutRunningStatsAlwaysUsesTheBatch() {
        BatchNorm1d norm = new BatchNorm1d(3, 1e-5, 0.1, true, false);
        norm.to(DType.FLOAT64);
        assertThat(norm.stateDict().keySet()).containsExactly("weight", "bias");
        assertThat(norm.runningMean()).isEmpty();
        assertThat(norm.numBatchesTracked()).isZero();
        long[] shape = {5, 3};
        double[] x = Samples.floats(8, 15, -3, 3);
        double[] expected = NnReference.batchNorm(x, shape, NnReference.channelMean(x, shape),
                NnReference.channelVariance(x, shape, 0), null, null, 1e-5);
        assertValues(norm.forward(Tensor.of(x, shape)), expected);
        norm.eval();
        assertValues(norm.forward(Tensor.of(x, shape)), expected);
    }

    @Test
    void batchNormWithoutAffineHasNoParameters() {
        BatchNorm2d norm = new BatchNorm2d(2, 1e-5, 0.1, false, true);
        assertThat(norm.namedParameters()).isEmpty();
        assertThat(norm.weight()).isEmpty();
        assertThat(norm.stateDict().keySet()).containsExactly("running_mean", "running_var", "num_batches_tracked");
        long[] shape = {3, 2, 2, 2};
        double[] x = Samples.floats(9, 24, -3, 3);
        assertValues(norm.forward(Tensor.of(x, shape)), NnReference.batchNorm(x, shape, NnReference.channelMean(x, shape),
                NnReference.channelVariance(x, shape, 0), null, null, 1e-5));
    }

    @Test
    void batchNormRejectsBadArgumentsAndInputs() {
        assertThatThrownBy(() -> new BatchNorm2d(0)).hasMessageContaining("numFeatures").hasMessageContaining("got 0");
        assertThatThrownBy(() -> new BatchNorm2d(2, -1, 0.1, true, true)).hasMessageContaining("eps").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> new BatchNorm1d(2, 1e-5, 1.5, true, true)).hasMessageContaining("momentum").hasMessageContaining("1.5");
        BatchNorm1d norm = new BatchNorm1d(3);
        assertThatThrownBy(() -> norm.forward(Tensor.zeros(1, 3))).hasMessageContaining("more than 1 value per channel")
                .hasMessageContaining("[1, 3]");
        assertThatThrownBy(() -> norm.forward(Tensor.zeros(4, 2))).hasMessageContaining("2 channels")
                .hasMessageContaining("numFeatures=3");
        assertThatThrownBy(() -> norm.forward(Tensor.zeros(4, 3, 2, 2))).hasMessageContaining("[N, C, L]");
        assertThatThrownBy(() -> new BatchNorm2d(3).forward(Tensor.zeros(4, 3))).hasMessageContaining("4-D");
    }

    @Test
    void batchNormGradientsMatchFiniteDifferencesInTrainingAndEvaluation() {
        BatchNorm1d norm1d = new BatchNorm1d(3);
        norm1d.to(DType.FLOAT64);
        NnSamples.randomize(norm1d, 12, -2, 2);
        ModuleGradCheck.check(norm1d, NnSamples.doubles(13, 4, 3));
        BatchNorm2d norm2d = new BatchNorm2d(2);
        norm2d.to(DType.FLOAT64);
        NnSamples.randomize(norm2d, 14, -2, 2);
        ModuleGradCheck.check(norm2d, NnSamples.doubles(15, 2, 2, 3, 2));
        norm2d.eval();
        ModuleGradCheck.check(norm2d, NnSamples.doubles(16, 2, 2, 3, 2));
    }

    @Test
    void toStringNamesTheArguments() {
        assertThat(new LayerNorm(8)).hasToString("LayerNorm(normalizedShape=[8], eps=1.0E-5, elementwiseAffine=true, bias=true)");
        BatchNorm norm = new BatchNorm1d(4, 1e-3, 0.2, false, true);
        assertThat(norm).hasToString("BatchNorm1d(numFeatures=4, eps=0.001, momentum=0.2, affine=false, trackRunningStats=true)");
    }
}
