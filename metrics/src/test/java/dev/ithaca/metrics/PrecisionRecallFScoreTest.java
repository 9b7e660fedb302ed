package dev.ithaca.metrics;

import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PrecisionRecallFScoreTest extends CpuTest {
    // predictions 1, 0, 2, 1, 0, 2 against targets 1, 0, 0, 2, 0, 1:
    // class 0: tp 2, fp 0, fn 1 | class 1: tp 1, fp 1, fn 1 | class 2: tp 0, fp 2, fn 1; support 3, 2, 1
    static Tensor preds() {
        return longs(1, 0, 2, 1, 0, 2);
    }

    static Tensor targets() {
        return longs(1, 0, 0, 2, 0, 1);
    }

    static double run(ClassificationMetric<?> metric) {
        metric.update(preds(), targets());
        return metric.compute();
    }

    @Test
    void precisionAverages() {
        // per class 2/2, 1/2, 0/2
        assertThat(run(Precision.multiclass(3, Average.MICRO))).isCloseTo(3.0 / 6, within(1e-12));
        assertThat(run(Precision.multiclass(3, Average.MACRO))).isCloseTo((1 + 0.5 + 0) / 3, within(1e-12));
        assertThat(run(Precision.multiclass(3, Average.WEIGHTED))).isCloseTo((3 * 1 + 2 * 0.5 + 0) / 6, within(1e-12));
        Precision none = Precision.multiclass(3, Average.NONE);
        none.update(preds(), targets());
        assertThat(none.computePerClass()).containsExactly(new double[] {1, 0.5, 0}, within(1e-12));
    }

    @Test
    void recallAverages() {
        // per class 2/3, 1/2, 0/1
        assertThat(run(Recall.multiclass(3, Average.MICRO))).isCloseTo(0.5, within(1e-12));
        assertThat(run(Recall.multiclass(3, Average.MACRO))).isCloseTo((2.0 / 3 + 0.5) / 3, within(1e-12));
        assertThat(run(Recall.multiclass(3, Average.WEIGHTED))).isCloseTo((2 + 1 + 0) / 6.0, within(1e-12));
    }

    @Test
    void f1Averages() {
        // 2tp / (2tp + fn + fp): 4/5, 2/4, 0/3
        assertThat(run(F1Score.multiclass(3, Average.MICRO))).isCloseTo(6.0 / 12, within(1e-12));
        assertThat(run(F1Score.multiclass(3, Average.MACRO))).isCloseTo((0.8 + 0.5 + 0) / 3, within(1e-12));
        assertThat(run(F1Score.multiclass(3, Average.WEIGHTED))).isCloseTo((3 * 0.8 + 2 * 0.5) / 6, within(1e-12));
    }

    @Test
    void fBetaWeighsRecall() {
        // beta 2: 5tp / (5tp + 4fn + fp): 10/14, 5/10, 0
        FBetaScore f2 = FBetaScore.multiclass(3, 2.0, Average.NONE);
        f2.update(preds(), targets());
        assertThat(f2.computePerClass()).containsExactly(new double[] {10.0 / 14, 0.5, 0}, within(1e-12));
        assertThat(f2.average(Average.MACRO).compute()).isCloseTo((10.0 / 14 + 0.5) / 3, within(1e-12));
        // micro: tp 3, fp 3, fn 3 -> 15 / (15 + 12 + 3)
        assertThat(f2.average(Average.MICRO).compute()).isCloseTo(0.5, within(1e-12));
        assertThat(f2.beta()).isEqualTo(2.0);
        assertThatThrownBy(() -> FBetaScore.multiclass(3, 0, Average.MICRO)).hasMessageContaining("beta must be a finite number above 0, got 0.0");
    }

    @Test
    void zeroDivisionBothWays() {
        // predictions 0, 0, 1 / targets 0, 2, 1: class 2 is never predicted (precision 0/0), class 0 tp 1 fp 1
        Tensor p = longs(0, 0, 1);
        Tensor t = longs(0, 2, 1);
        Precision zero = Precision.multiclass(3, Average.MACRO);
        zero.update(p, t);
        assertThat(zero.compute()).isCloseTo((0.5 + 1 + 0) / 3, within(1e-12));
        assertThat(zero.zeroDivision(1).compute()).isCloseTo((0.5 + 1 + 1) / 3, within(1e-12));
        // recall: class 3 of 4 never a target and never predicted: 0/0 per class, left out of MACRO
        Recall recall = Recall.multiclass(4, Average.NONE).zeroDivision(1);
        recall.update(p, t);
        assertThat(recall.computePerClass()).containsExactly(new double[] {1, 1, 0, 1}, within(1e-12));
        assertThat(recall.average(Average.MACRO).compute()).isCloseTo(2.0 / 3, within(1e-12));
        // F1 of a class absent everywhere: zeroDivision
        F1Score f1 = F1Score.multiclass(4, Average.NONE);
        f1.update(p, t);
        assertThat(f1.computePerClass()[3]).isZero();
        assertThat(f1.zeroDivision(1).computePerClass()[3]).isEqualTo(1.0);
        // nothing seen: MICRO is 0/0
        assertThat(Precision.multiclass(3, Average.MICRO).compute()).isZero();
        assertThat(Precision.multiclass(3, Average.MICRO).zeroDivision(1).compute()).isEqualTo(1.0);
        assertThatThrownBy(() -> Precision.multiclass(3, Average.MICRO).zeroDivision(0.5))
                .hasMessageContaining("zeroDivision must be 0 or 1, got 0.5");
    }

    @Test
    void recallMacroZeroDivisionCountsPredictedOnlyClasses() {
        // predictions 3, 0, 2, 1, 0, 2 / targets 1, 0, 0, 2, 0, 1 with 4 classes:
        // recall per class: 2/3, 0/2, 0/1, and class 3 (fp 1, no targets) 0/0 -> zeroDivision, yet counted
        Tensor p = longs(3, 0, 2, 1, 0, 2);
        Recall r = Recall.multiclass(4, Average.MACRO);
        r.update(p, targets());
        assertThat(r.compute()).isCloseTo((2.0 / 3) / 4, within(1e-12));
        assertThat(r.zeroDivision(1).compute()).isCloseTo((2.0 / 3 + 1) / 4, within(1e-12));
    }

    @Test
    void weightedAverageWithNoSupportIsZero() {
        Precision p = Precision.multiclass(3, Average.WEIGHTED);
        assertThat(p.compute()).isZero();
    }

    @Test
    void topKPrecision() {
        Tensor s = scores(row(0.5, 0.5, 0.5, 0.1), row(0.1, 0.4, 0.4, 0.1), row(0.3, 0.2, 0.1, 0.4), row(0.25, 0.25, 0.25, 0.25));
        Tensor t = longs(2, 2, 0, 3);
        // top-2 picks {0,1} {1,2} {3,0} {0,1}: predicted 3, 3, 1, 1; tp 1, 0, 1, 0
        Precision p = Precision.multiclass(4, Average.MICRO).topK(2);
        p.update(s, t);
        assertThat(p.compute()).isCloseTo(2.0 / 8, within(1e-12));
        assertThat(p.computePerClass()).containsExactly(new double[] {1.0 / 3, 0, 1, 0}, within(1e-12));
        // MACRO with top-k leaves out class 1, which has no targets
        assertThat(p.average(Average.MACRO).compute()).isCloseTo((1.0 / 3 + 1 + 0) / 3, within(1e-12));
    }

    @Test
    void binaryScoresThePositiveClass() {
        Tensor probs = floats(0.2f, 0.8f, 0.5f, 0.9f);
        Tensor t = longs(0, 1, 1, 0);
        // > 0.5: 0, 1, 0, 1 -> tp 1, fp 1, fn 1
        Precision p = Precision.binary();
        p.update(probs, t);
        assertThat(p.compute()).isCloseTo(0.5, within(1e-12));
        // > 0.4: 0, 1, 1, 1 -> tp 2, fp 1, fn 0
        Precision p4 = Precision.binary(0.4);
        p4.update(probs, t);
        assertThat(p4.compute()).isCloseTo(2.0 / 3, within(1e-12));
        Recall r4 = Recall.binary(0.4);
        r4.update(probs, t);
        assertThat(r4.compute()).isCloseTo(1.0, within(1e-12));
        F1Score f4 = F1Score.binary(0.4);
        f4.update(probs, t);
        assertThat(f4.compute()).isCloseTo(4.0 / 5, within(1e-12));
        Recall r = Recall.binary();
        r.update(probs, t);
        assertThat(r.compute()).isCloseTo(0.5, within(1e-12));
        // beta 2: 5*2 / (5*2 + 4*0 + 1)
        FBetaScore f2 = FBetaScore.binary(2.0, 0.4);
        f2.update(probs, t);
        assertThat(f2.compute()).isCloseTo(10.0 / 11, within(1e-12));
        F1Score f1 = F1Score.binary();
        f1.update(probs, t);
        assertThat(f1.compute()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void ignoreIndexLeavesSamplesOutOfEveryCount() {
        // n1 ignored; predictions 1, 1, 2 / targets 1, 0, 2 remain for n0, n2, n3 -> class 1 tp 1 fp 1
        Precision p = Precision.multiclass(3, Average.NONE).ignoreIndex(-1);
        p.update(longs(1, 0, 1, 2), longs(1, -1, 0, 2));
        assertThat(p.computePerClass()).containsExactly(new double[] {0, 0.5, 1}, within(1e-12));
    }

    @Test
    void mergeRefusesOtherSettings() {
        Precision a = Precision.multiclass(3, Average.MACRO);
        assertThatThrownBy(() -> a.merge(Precision.multiclass(4, Average.MACRO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different settings");
        assertThatThrownBy(() -> a.merge(a)).hasMessageContaining("itself");
        assertThatThrownBy(() -> a.merge(null)).hasMessageContaining("null");
    }
}
