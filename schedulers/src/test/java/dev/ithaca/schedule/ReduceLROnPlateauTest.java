package dev.ithaca.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReduceLROnPlateauTest {

    /** Steps through the metrics and returns group 0's lr after each. */
    private static double[] lrsAfter(ReduceLROnPlateau plateau, FakeOptimizer opt, double... metrics) {
        double[] lrs = new double[metrics.length];
        for (int i = 0; i < metrics.length; i++) {
            plateau.step(metrics[i]);
            lrs[i] = opt.lrs()[0];
            assertThat(plateau.lastLr()).isEqualTo(lrs[i]);
        }
        return lrs;
    }

    @Test
    void reducesAfterMoreThanPatienceBadEpochs() {
        var opt = new FakeOptimizer(1.0);
        var plateau = ReduceLROnPlateau.builder(opt).mode("min").factor(0.5).patience(2).build();
        double[] lrs = lrsAfter(plateau, opt, 10, 9, 9, 9, 9, 9, 9, 8, 8, 8, 8);
        assertThat(lrs).containsExactly(1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25);
        assertThat(plateau.best()).isEqualTo(8.0);
        assertThat(plateau.lastEpoch()).isEqualTo(11);
    }

    @Test
    void patienceZeroReducesOnEveryBadEpoch() {
        var opt = new FakeOptimizer(1.0);
        var plateau = ReduceLROnPlateau.builder(opt).factor(0.1).patience(0).build();
        double[] lrs = lrsAfter(plateau, opt, 5, 6, 4, 4);
        assertThat(lrs[0]).isEqualTo(1.0);
        Trace.assertClose(lrs[1], 0.1, 0, "after a worse epoch");
        Trace.assertClose(lrs[2], 0.1, 0, "after an improvement");
        Trace.assertClose(lrs[3], 0.01, 0, "after an equal epoch");
    }

    @Test
    void relativeThresholdInMinMode() {
        var opt = new FakeOptimizer(1.0);
        // improvement means below best * (1 - 0.1)
        var plateau = ReduceLROnPlateau.builder(opt).threshold(0.1).thresholdMode("rel").patience(1).factor(0.5).build();
        double[] lrs = lrsAfter(plateau, opt, 100, 91, 95, 89.9, 85, 80.9);
        assertThat(lrs).containsExactly(1, 1, 0.5, 0.5, 0.5, 0.5);
        assertThat(plateau.best()).isEqualTo(80.9);
    }

    @Test
    void absoluteThresholdInMinMode() {
        var opt = new FakeOptimizer(1.0);
        // improvement means below best - 0.5
        var plateau = ReduceLROnPlateau.builder(opt).threshold(0.5).thresholdMode("abs").patience(1).factor(0.5).build();
        double[] lrs = lrsAfter(plateau, opt, 10, 9.6, 9.5, 9.4, 9.3);
        assertThat(lrs).containsExactly(1, 1, 0.5, 0.5, 0.5);
        assertThat(plateau.best()).isEqualTo(9.4);
    }

    @Test
    void maxModeRelativeAndAbsolute() {
        var opt = new FakeOptimizer(1.0);
        // improvement means above best * 1.1
        var rel = ReduceLROnPlateau.builder(opt).mode("max").threshold(0.1).patience(0).factor(0.5).build();
        assertThat(lrsAfter(rel, opt, 0.5, 0.54, 0.56)).containsExactly(1, 0.5, 0.5);
        var opt2 = new FakeOptimizer(1.0);
        // improvement means above best + 0.05
        var abs = ReduceLROnPlateau.builder(opt2).mode("max").threshold(0.05).thresholdMode("abs").patience(0)
                .factor(0.5).build();
        assertThat(lrsAfter(abs, opt2, 0.5, 0.55, 0.56, 0.9, 0.2)).containsExactly(1, 0.5, 0.5, 0.5, 0.25);
        assertThat(abs.best()).isEqualTo(0.9);
    }

    @Test
    void cooldownIgnoresBadEpochsAfterAReduction() {
        var opt = new FakeOptimizer(1.0);
        var plateau = ReduceLROnPlateau.builder(opt).patience(0).cooldown(2).factor(0.5).build();
        // reduce at epoch 2; epochs 3 and 4 are cooldown; epoch 5 is bad again and reduces
        double[] lrs = lrsAfter(plateau, opt, 1, 2, 2, 2, 2);
        assertThat(lrs).containsExactly(1, 0.5, 0.5, 0.5, 0.25);
        assertThat(plateau.cooldownCounter()).isEqualTo(2);
        plateau.step(3);
        assertThat(plateau.cooldownCounter()).isEqualTo(1);
        assertThat(plateau.numBadEpochs()).isZero();
    }

    @Test
    void minLrIsAFloor() {
        var opt = new FakeOptimizer(1.0, 0.5);
        var plateau = ReduceLROnPlateau.builder(opt).patience(0).factor(0.1).minLr(0.02).build();
        lrsAfter(plateau, opt, 1, 2, 2, 2, 2);
        assertThat(opt.lrs()).containsExactly(0.02, 0.02);
        var opt2 = new FakeOptimizer(1.0, 0.5);
        var perGroup = ReduceLROnPlateau.builder(opt2).patience(0).factor(0.1).minLrs(0.05, 0.001).build();
        lrsAfter(perGroup, opt2, 1, 2, 2, 2, 2);
        assertThat(opt2.lrs()[0]).isEqualTo(0.05);
        Trace.assertClose(opt2.lrs()[1], 0.001, 0, "group 1");
        assertThat(perGroup.lastLrs()).containsExactly(0.05, opt2.lrs()[1]);
    }

    @Test
    void reductionsNoLargerThanEpsAreSkipped() {
        var opt = new FakeOptimizer(1e-7);
        var plateau = ReduceLROnPlateau.builder(opt).patience(0).factor(0.5).eps(1e-7).build();
        lrsAfter(plateau, opt, 1, 2, 2);
        assertThat(opt.lrs()).containsExactly(1e-7);
        var opt2 = new FakeOptimizer(1e-7);
        var noEps = ReduceLROnPlateau.builder(opt2).patience(0).factor(0.5).eps(0).build();
        lrsAfter(noEps, opt2, 1, 2);
        assertThat(opt2.lrs()).containsExactly(5e-8);
        // the default eps of 1e-8 keeps 1e-8 from halving
        var opt3 = new FakeOptimizer(1e-8);
        lrsAfter(ReduceLROnPlateau.builder(opt3).patience(0).build(), opt3, 1, 2);
        assertThat(opt3.lrs()).containsExactly(1e-8);
    }

    @Test
    void nanIsNeverAnImprovement() {
        var opt = new FakeOptimizer(1.0);
        var plateau = ReduceLROnPlateau.builder(opt).patience(1).factor(0.5).build();
        assertThat(lrsAfter(plateau, opt, Double.NaN, Double.NaN, 3)).containsExactly(1, 0.5, 0.5);
    }

    @Test
    void defaultsArePyTorchs() {
        var opt = new FakeOptimizer(1.0);
        var plateau = ReduceLROnPlateau.builder(opt).build();
        assertThat(plateau.stateDict()).containsEntry("mode", "min").containsEntry("factor", 0.1)
                .containsEntry("patience", 10).containsEntry("threshold", 1e-4).containsEntry("threshold_mode", "rel")
                .containsEntry("cooldown", 0).containsEntry("default_min_lr", 0.0).containsEntry("eps", 1e-8)
                .containsEntry("best", "Infinity");
        double[] metrics = new double[12];
        Arrays.fill(metrics, 1.0);
        metrics[1] = 0.99995; // within the default 1e-4 relative threshold: not an improvement
        double[] lrs = lrsAfter(plateau, opt, metrics);
        assertThat(lrs[10]).isEqualTo(1.0);
        Trace.assertClose(lrs[11], 0.1, 0, "after 11 bad epochs");
        assertThat(plateau.lastLrs()).containsExactly(lrs[11]);
        assertThat(plateau.best()).isEqualTo(1.0);
    }

    @Test
    void stepWithoutAMetricIsRefused() {
        var opt = new FakeOptimizer(1.0);
        var plateau = ReduceLROnPlateau.builder(opt).build();
        assertThatThrownBy(plateau::step).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("step(metric)");
        assertThat(plateau.lastEpoch()).isZero();
        assertThat(plateau.lastLrs()).containsExactly(1.0);
    }

    /** PyTorch's algorithm written out independently, to compare with on long random runs. */
    private static double[] reference(double lr0, boolean max, double factor, int patience, double threshold,
                                      boolean rel, int cooldown, double minLr, double eps, double[] metrics) {
        double lr = lr0;
        double best = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        int bad = 0;
        int cool = 0;
        double[] out = new double[metrics.length];
        for (int i = 0; i < metrics.length; i++) {
            double m = metrics[i];
            double bar = rel ? (max ? best * (1 + threshold) : best * (1 - threshold))
                    : (max ? best + threshold : best - threshold);
            if (max ? m > bar : m < bar) {
                best = m;
                bad = 0;
            } else {
                bad++;
            }
            if (cool > 0) {
                cool--;
                bad = 0;
            }
            if (bad > patience) {
                double next = Math.max(lr * factor, minLr);
                if (lr - next > eps) {
                    lr = next;
                }
                cool = cooldown;
                bad = 0;
            }
            out[i] = lr;
        }
        return out;
    }

    @ParameterizedTest(name = "{0} factor={1} patience={2} threshold={3} {4} cooldown={5} minLr={6}")
    @CsvSource({
            "min, 0.5, 2, 1e-4, rel, 0, 0.0",
            "min, 0.1, 0, 0.01, abs, 1, 1e-4",
            "max, 0.7, 3, 0.05, rel, 2, 1e-3",
            "max, 0.3, 1, 0.02, abs, 0, 0.0",
            "min, 0.9, 4, 0.0, rel, 3, 0.05"})
    void agreesWithTheReferenceOverLongNoisyRuns(String mode, double factor, int patience, double threshold,
                                                 String thresholdMode, int cooldown, double minLr) {
        Random random = new Random(17);
        double[] metrics = new double[200];
        double level = 1.0;
        for (int i = 0; i < metrics.length; i++) {
            level *= mode.equals("min") ? 0.995 : 1.005;
            metrics[i] = level + 0.05 * random.nextGaussian();
        }
        var opt = new FakeOptimizer(0.3);
        var plateau = ReduceLROnPlateau.builder(opt).mode(mode).factor(factor).patience(patience).threshold(threshold)
                .thresholdMode(thresholdMode).cooldown(cooldown).minLr(minLr).build();
        double[] actual = lrsAfter(plateau, opt, metrics);
        double[] expected = reference(0.3, mode.equals("max"), factor, patience, threshold,
                thresholdMode.equals("rel"), cooldown, minLr, 1e-8, metrics);
        assertThat(actual).containsExactly(expected);
        assertThat(actual[actual.length - 1]).isLessThan(0.3);
    }

    @Test
    void rejectsBadArguments() {
        var opt = new FakeOptimizer(0.1, 0.1);
        var b = ReduceLROnPlateau.builder(opt);
        assertThatThrownBy(() -> b.mode("avg")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mode").hasMessageContaining("'avg'").hasMessageContaining("[min, max]");
        assertThatThrownBy(() -> b.mode("MIN")).hasMessageContaining("'MIN'");
        assertThatThrownBy(() -> b.thresholdMode("pct")).hasMessageContaining("thresholdMode")
                .hasMessageContaining("'pct'").hasMessageContaining("[rel, abs]");
        assertThatThrownBy(() -> b.factor(1.0)).hasMessageContaining("factor").hasMessageContaining("1.0");
        assertThatThrownBy(() -> b.factor(-0.1)).hasMessageContaining("-0.1");
        assertThatThrownBy(() -> b.patience(-1)).hasMessageContaining("patience").hasMessageContaining("-1");
        assertThatThrownBy(() -> b.cooldown(-2)).hasMessageContaining("cooldown").hasMessageContaining("-2");
        assertThatThrownBy(() -> b.threshold(-1e-4)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> b.minLr(-1)).hasMessageContaining("minLr").hasMessageContaining("-1");
        assertThatThrownBy(() -> b.minLrs(0.1)).hasMessageContaining("minLrs").hasMessageContaining("(2)");
        assertThatThrownBy(() -> b.minLrs(0.1, Double.NaN)).hasMessageContaining("minLrs[1]");
        assertThatThrownBy(() -> b.eps(-1e-8)).hasMessageContaining("eps");
        assertThatThrownBy(() -> ReduceLROnPlateau.builder(null)).hasMessageContaining("optimizer");
    }
}
