package dev.ithaca.schedule;

import dev.ithaca.train.LRScheduler;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequentialLRTest {

    private static double sgdr(double base, double etaMin, int tMax, int epoch) {
        return etaMin + 0.5 * (base - etaMin) * (1 + Math.cos(epoch * Math.PI / tMax));
    }

    @Test
    void pytorchDocExample() {
        var opt = new FakeOptimizer(0.05);
        var constant = new ConstantLR(opt, 0.1, 20);
        var exponential = new ExponentialLR(opt, 0.9);
        var scheduler = new SequentialLR(opt, List.of(constant, exponential), new int[]{20});
        double[][] lrs = Trace.run(scheduler, opt, 40);
        Trace.assertMatches(lrs, (g, e) -> e < 20 ? 0.005 : 0.05 * Math.pow(0.9, e - 20), 0);
        assertThat(lrs[20][0]).isEqualTo(0.05);
        assertThat(scheduler.lastEpoch()).isEqualTo(40);
        assertThat(exponential.lastEpoch()).isEqualTo(20);
    }

    @Test
    void warmupThenCosineUsesTheInitialLrAsTheCosineBase() {
        var opt = new FakeOptimizer(0.1, 0.3);
        var warmup = new LinearLR(opt, 0.1, 1.0, 5);
        var cosine = new CosineAnnealingLR(opt, 20, 0.001);
        var scheduler = new SequentialLR(opt, List.of(warmup, cosine), new int[]{5});
        // 60 epochs: the cosine passes its minimum twice, where PyTorch's recursion adds a base-lr term
        double[][] lrs = Trace.run(scheduler, opt, 60);
        double[] base = {0.1, 0.3};
        Trace.assertMatches(lrs, (g, e) -> e < 5 ? base[g] * (0.1 + 0.9 * e / 5) : sgdr(base[g], 0.001, 20, e - 5),
                0);
        assertThat(cosine.baseLrs()).containsExactly(0.1, 0.3);
    }

    @Test
    void threeSchedulersSwitchAtEachMilestone() {
        var opt = new FakeOptimizer(0.2);
        var warmup = new WarmupLR(opt, 4);
        var step = new StepLR(opt, 5, 0.5);
        var exponential = new ExponentialLR(opt, 0.9);
        var scheduler = new SequentialLR(opt, List.of(warmup, step, exponential), new int[]{4, 20});
        double[][] lrs = Trace.run(scheduler, opt, 40);
        Trace.assertMatches(lrs, (g, e) -> {
            if (e < 4) {
                return 0.2 * e / 4;
            }
            return e < 20 ? 0.2 * Math.pow(0.5, (e - 4) / 5) : 0.2 * Math.pow(0.9, e - 20);
        }, 0);
    }

    @Test
    void constructionUndoesTheChildrensInitialSteps() {
        var opt = new FakeOptimizer(1.0);
        var first = new ConstantLR(opt, 0.5, 3);
        var second = new LinearLR(opt, 0.25, 1.0, 4);
        assertThat(opt.lrs()).containsExactly(0.125);
        var scheduler = new SequentialLR(opt, List.of(first, second), new int[]{6});
        assertThat(opt.lrs()).containsExactly(0.5);
        assertThat(scheduler.lastLrs()).containsExactly(0.5);
        assertThat(first.lastEpoch()).isZero();
        assertThat(second.lastEpoch()).isEqualTo(-1);
        double[][] lrs = Trace.run(scheduler, opt, 30);
        Trace.assertMatches(lrs, (g, e) -> {
            if (e < 6) {
                return e < 3 ? 0.5 : 1.0;
            }
            return 0.25 + 0.75 * Math.min(e - 6, 4) / 4.0;
        }, 0);
    }

    @Test
    void oneCycleAsAChild() {
        var opt = new FakeOptimizer(0.01);
        var constant = new ConstantLR(opt, 0.5, 2);
        var cycle = OneCycleLR.builder(opt, 1.0, 30).annealStrategy("linear").divFactor(10).finalDivFactor(10).build();
        var scheduler = new SequentialLR(opt, List.of(constant, cycle), new int[]{3});
        double[][] lrs = Trace.run(scheduler, opt, 33);
        assertThat(lrs[0][0]).isEqualTo(0.005);
        assertThat(lrs[2][0]).isEqualTo(0.01);
        for (int e = 3; e <= 33; e++) {
            Trace.assertClose(lrs[e][0], cycle.closedFormLrs(e - 3).get(0), 0, "epoch " + e);
        }
        Trace.assertClose(lrs[3][0], 0.1, 0, "cycle start");
        Trace.assertClose(lrs[3 + 8][0], 1.0, 0, "cycle peak");
    }

    @Test
    void rejectsBadArguments() {
        var opt = new FakeOptimizer(0.1);
        var a = new StepLR(opt, 3, 0.5);
        var b = new ExponentialLR(opt, 0.9);
        assertThatThrownBy(() -> new SequentialLR(opt, List.of(a, b), new int[]{}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 schedulers").hasMessageContaining("0 milestones");
        assertThatThrownBy(() -> new SequentialLR(opt, List.of(a, b), new int[]{3, 6}))
                .hasMessageContaining("2 milestones");
        assertThatThrownBy(() -> new SequentialLR(opt, List.of(a, b, new ExponentialLR(opt, 0.5)), new int[]{6, 3}))
                .hasMessageContaining("milestones").hasMessageContaining("[6, 3]");
        assertThatThrownBy(() -> new SequentialLR(opt, List.of(a, b), new int[]{0}))
                .hasMessageContaining("milestones").hasMessageContaining("[0]");
        assertThatThrownBy(() -> new SequentialLR(opt, List.of(), new int[]{}))
                .hasMessageContaining("at least one scheduler");
        assertThatThrownBy(() -> new SequentialLR(opt, List.of(a, a), new int[]{3}))
                .hasMessageContaining("same scheduler").hasMessageContaining("index 0 and 1");
        var plateau = ReduceLROnPlateau.builder(opt).build();
        assertThatThrownBy(() -> new SequentialLR(opt, List.of(a, plateau), new int[]{3}))
                .hasMessageContaining("ReduceLROnPlateau").hasMessageContaining("index 1");
        var other = new FakeOptimizer(0.1);
        assertThatThrownBy(() -> new SequentialLR(opt, List.of(a, new StepLR(other, 2, 0.5)), new int[]{3}))
                .hasMessageContaining("index 1").hasMessageContaining("different optimizer");
        var nested = new SequentialLR(opt, List.of(new StepLR(opt, 2, 0.5)), new int[]{});
        assertThatThrownBy(() -> new SequentialLR(opt, List.<LRScheduler>of(a, nested), new int[]{3}))
                .hasMessageContaining("index 1").hasMessageContaining("SequentialLR");
    }

    @Test
    void aSingleChildNeedsNoMilestones() {
        var opt = new FakeOptimizer(1.0);
        var scheduler = new SequentialLR(opt, List.of(new ExponentialLR(opt, 0.5)), new int[]{});
        double[][] lrs = Trace.run(scheduler, opt, 30);
        Trace.assertMatches(lrs, (g, e) -> Math.pow(0.5, e), 0);
    }
}
