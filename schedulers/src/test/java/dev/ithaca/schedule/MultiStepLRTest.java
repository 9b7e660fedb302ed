package dev.ithaca.schedule;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultiStepLRTest {

    /** Independently: the number of milestones at or before the epoch. */
    private static int passed(int[] milestones, int epoch) {
        int n = 0;
        for (int m : milestones) {
            if (m <= epoch) {
                n++;
            }
        }
        return n;
    }

    private static void check(int[] milestones, double gamma, int epochs) {
        var opt = new FakeOptimizer(0.5, 0.01);
        var scheduler = new MultiStepLR(opt, milestones, gamma);
        double[][] lrs = Trace.run(scheduler, opt, epochs);
        double[] base = {0.5, 0.01};
        Trace.assertMatches(lrs, (g, e) -> base[g] * Math.pow(gamma, passed(milestones, e)), 0);
        for (int e = 0; e <= epochs; e++) {
            for (int g = 0; g < 2; g++) {
                Trace.assertClose(lrs[e][g], scheduler.closedFormLrs(e).get(g), 0, "closed form, epoch " + e);
            }
        }
    }

    @Test
    void decaysAtEachMilestone() {
        check(new int[]{10, 20}, 0.1, 35);
        check(new int[]{1, 2, 3, 17, 29}, 0.5, 40);
        check(new int[]{30, 80}, 0.1, 100);
        check(new int[]{5}, 3.0, 31);
    }

    @Test
    void milestoneZeroAppliesAtConstruction() {
        check(new int[]{0, 12}, 0.25, 30);
        var opt = new FakeOptimizer(1.0);
        new MultiStepLR(opt, new int[]{0}, 0.5);
        assertThat(opt.lrs()).containsExactly(0.5);
    }

    @Test
    void noMilestonesKeepsTheLr() {
        var opt = new FakeOptimizer(0.2);
        double[][] lrs = Trace.run(new MultiStepLR(opt, new int[0], 0.1), opt, 30);
        Trace.assertMatches(lrs, (g, e) -> 0.2, 0);
    }

    @Test
    void defaultGammaIsOneTenth() {
        var opt = new FakeOptimizer(1.0);
        double[][] lrs = Trace.run(new MultiStepLR(opt, new int[]{3, 9}), opt, 30);
        Trace.assertMatches(lrs, (g, e) -> Math.pow(0.1, passed(new int[]{3, 9}, e)), 0);
    }

    @Test
    void milestonesInAnyOrderAndRepeatsCountAsInPyTorchsCounter() {
        var opt = new FakeOptimizer(1.0);
        int[] milestones = {6, 2, 6};
        double[][] lrs = Trace.run(new MultiStepLR(opt, milestones, 0.5), opt, 10);
        // epochs 0-1: 1, 2-5: 0.5, from 6: 0.5 * 0.5^2 (6 appears twice)
        Trace.assertMatches(lrs, (g, e) -> e < 2 ? 1.0 : e < 6 ? 0.5 : 0.125, 0);
    }

    @Test
    void rejectsBadArguments() {
        var opt = new FakeOptimizer(0.1);
        assertThatThrownBy(() -> new MultiStepLR(opt, new int[]{-1, 10}, 0.1)).hasMessageContaining("[-1, 10]");
        assertThatThrownBy(() -> new MultiStepLR(opt, null, 0.1)).hasMessageContaining("milestones");
        assertThatThrownBy(() -> new MultiStepLR(opt, new int[]{10}, 0)).hasMessageContaining("gamma");
        assertThatThrownBy(() -> new MultiStepLR(opt, new int[]{10}, Double.POSITIVE_INFINITY))
                .hasMessageContaining("gamma").hasMessageContaining("Infinity");
    }

    @Test
    void milestonesAreCopied() {
        var opt = new FakeOptimizer(1.0);
        int[] milestones = {2};
        var scheduler = new MultiStepLR(opt, milestones, 0.5);
        milestones[0] = 1;
        scheduler.step();
        assertThat(opt.lrs()).containsExactly(1.0);
        scheduler.step();
        assertThat(opt.lrs()).containsExactly(0.5);
    }
}
