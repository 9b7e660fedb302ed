package dev.ithaca.metrics;

import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;

/**
 * The three per-class counts every classification score derives from, kept as metric state:
 * true positives, how often each class was predicted (for top-k, was among the k picks), and how
 * often it was the target. Counted on the device with scatter-add (a bincount), one batch at a time.
 */
final class StatScoreStates {
    private final MetricState truePositives;
    private final MetricState predicted;
    private final MetricState support;
    private final int numClasses;

    StatScoreStates(StatefulMetric<?> metric, int numClasses) {
        this.numClasses = numClasses;
        this.truePositives = metric.addState("truePositives", DType.INT64, StateReduction.SUM, numClasses);
        this.predicted = metric.addState("predicted", DType.INT64, StateReduction.SUM, numClasses);
        this.support = metric.addState("support", DType.INT64, StateReduction.SUM, numClasses);
    }

    void accumulate(StatefulMetric<?> metric, ClassificationInput in) {
        if (in.isEmpty()) {
            return;
        }
        Tensor zeros = Tensor.zeros(DType.INT64, numClasses);
        Tensor hits;
        Tensor predictedCounts;
        if (in.predicted() != null) {
            hits = in.predicted().eq(in.target()).mul(in.valid());
            predictedCounts = zeros.scatterAdd(0, in.predicted(), in.valid());
        } else {
            hits = in.topKMask().gather(1, in.target().unsqueeze(1)).reshape(-1).mul(in.valid());
            predictedCounts = in.topKMask().mul(in.valid().unsqueeze(1)).sum(0);
        }
        metric.accumulate(truePositives, zeros.scatterAdd(0, in.target(), hits.to(DType.INT64)));
        metric.accumulate(predicted, predictedCounts);
        metric.accumulate(support, zeros.scatterAdd(0, in.target(), in.valid()));
    }

    StatScores read(StatefulMetric<?> metric) {
        long[] tp = metric.longs(truePositives);
        long[] pred = metric.longs(predicted);
        long[] sup = metric.longs(support);
        long[] fp = new long[numClasses];
        long[] fn = new long[numClasses];
        for (int c = 0; c < numClasses; c++) {
            fp[c] = pred[c] - tp[c];
            fn[c] = sup[c] - tp[c];
        }
        return new StatScores(tp, fp, fn);
    }
}
