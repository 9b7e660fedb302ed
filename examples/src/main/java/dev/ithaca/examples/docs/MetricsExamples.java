package dev.ithaca.examples.docs;

import dev.ithaca.metrics.Accuracy;
import dev.ithaca.metrics.Average;
import dev.ithaca.metrics.ConfusionMatrix;
import dev.ithaca.metrics.F1Score;
import dev.ithaca.metrics.MeanSquaredError;
import dev.ithaca.metrics.Precision;
import dev.ithaca.metrics.Recall;
import dev.ithaca.tensor.Tensor;

import java.util.Arrays;

/** docs/modules/metrics.md: streaming metrics with torchmetrics semantics. */
public final class MetricsExamples {
    private MetricsExamples() {
    }

    /** Returns accuracy, top-2 accuracy, macro precision, macro recall, weighted F1 and MSE, in that order. */
    static double[] classification() {
        // --8<-- [start:classification]
        Tensor logits = Tensor.of(new float[]{
                2.0f, 1.0f, 0.1f,    // predicts 0 (target 0)
                0.2f, 3.0f, 1.0f,    // predicts 1 (target 1)
                1.5f, 0.3f, 1.0f,    // predicts 0 (target 2), class 2 is second
                0.1f, 0.2f, 4.0f},   // predicts 2 (target 2)
                4, 3);
        Tensor targets = Tensor.of(new long[]{0, 1, 2, 2}, 4);

        Accuracy accuracy = Accuracy.multiclass(3);                 // top-1, micro average
        Accuracy top2 = Accuracy.multiclass(3).topK(2);
        Precision precision = Precision.multiclass(3, Average.MACRO);
        Recall recall = Recall.multiclass(3, Average.MACRO);
        F1Score f1 = F1Score.multiclass(3, Average.WEIGHTED);
        ConfusionMatrix confusion = ConfusionMatrix.multiclass(3);

        accuracy.update(logits, targets);       // call once per batch; the state accumulates
        top2.update(logits, targets);
        precision.update(logits, targets);
        recall.update(logits, targets);
        f1.update(logits, targets);
        confusion.update(logits, targets);

        System.out.println(accuracy.compute());                          // 0.75
        System.out.println(top2.compute());                              // 1.0
        System.out.println(Arrays.deepToString(confusion.compute()));    // rows = target, columns = prediction
        accuracy.reset();                                                // e.g. at the start of the next epoch
        // --8<-- [end:classification]
        accuracy.update(logits, targets);
        return new double[]{accuracy.compute(), top2.compute(), precision.compute(), recall.compute(), f1.compute(),
                regression()};
    }

    static double regression() {
        // --8<-- [start:regression]
        MeanSquaredError mse = new MeanSquaredError();
        mse.update(Tensor.of(new float[]{1, 2, 3}, 3), Tensor.of(new float[]{1, 2, 5}, 3));
        System.out.println(mse.compute());   // (0 + 0 + 4) / 3
        // --8<-- [end:regression]
        return mse.compute();
    }

    public static void main(String[] args) {
        System.out.println(Arrays.toString(classification()));
    }
}
