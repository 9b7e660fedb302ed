package dev.ithaca.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OneCycleLRTest {

    /** The 1cycle policy as PyTorch documents it, from the warmup length up = pctStart * totalSteps - 1. */
    private static double expected(double maxLr, int total, double pctStart, boolean cos, double div, double finalDiv,
                                   boolean threePhase, int step) {
        double initial = maxLr / div;
        double min = initial / finalDiv;
        double up = pctStart * total - 1;
        if (step <= up) {
            return anneal(cos, initial, maxLr, step / up);
        }
        if (!threePhase) {
            return anneal(cos, maxLr, min, (step - up) / (total - 1 - up));
        }
        if (step <= 2 * up) {
            return anneal(cos, maxLr, initial, (step - up) / up);
        }
        return anneal(cos, initial, min, (step - 2 * up) / (total - 1 - 2 * up));
    }

    private static double anneal(boolean cos, double from, double to, double fraction) {
        return cos ? to + (from - to) * (1 + Math.cos(Math.PI * fraction)) / 2 : from + (to - from) * fraction;
    }

    @ParameterizedTest(name = "maxLr={0} total={1} pctStart={2} {3} div={4} finalDiv={5} threePhase={6}")
    @CsvSource({
            "0.1, 100, 0.3, cos, 25, 1e4, false",
            "0.1, 100, 0.3, linear, 25, 1e4, false",
            "0.1, 100, 0.3, cos, 25, 1e4, true",
            "0.1, 100, 0.3, linear, 25, 1e4, true",
            "1.0, 37, 0.25, cos, 10, 100, false",
            "0.5, 50, 0.45, linear, 5, 1e3, true",
            "0.02, 31, 0.5, cos, 4, 2, true",
            "0.3, 40, 0.0, cos, 25, 1e4, false",
            "0.3, 40, 0.9, linear, 25, 1e4, false"})
    void followsThePhases(double maxLr, int total, double pctStart, String strategy, double div, double finalDiv,
                          boolean threePhase) {
        var opt = new FakeOptimizer(0.7, 0.7);
        var scheduler = OneCycleLR.builder(opt, maxLr, total).pctStart(pctStart).annealStrategy(strategy)
                .divFactor(div).finalDivFactor(finalDiv).threePhase(threePhase).maxLrs(maxLr, 2 * maxLr).build();
        // PyTorch allows totalSteps steps after construction; the last one extrapolates past the final phase
        double[][] lrs = Trace.run(scheduler, opt, total);
        boolean cos = strategy.equals("cos");
        double[] maxLrs = {maxLr, 2 * maxLr};
        Trace.assertMatches(lrs, (g, s) -> expected(maxLrs[g], total, pctStart, cos, div, finalDiv, threePhase, s),
                2 * maxLr);
        assertThat(scheduler.baseLrs()).containsExactly(maxLr / div, 2 * maxLr / div);
        Trace.assertClose(lrs[total - 1][0], maxLr / div / finalDiv, maxLr, "minimum at the last step of the cycle");
    }

    @Test
    void constructionSetsTheInitialLrAndTheCyclePeaksAtMaxLr() {
        var opt = new FakeOptimizer(0.5);
        var scheduler = OneCycleLR.builder(opt, 0.1, 100).pctStart(0.3).annealStrategy("cos").divFactor(25)
                .finalDivFactor(1e4).threePhase(false).build();
        Trace.assertClose(opt.lrs()[0], 0.004, 0, "initial lr");
        double[][] lrs = Trace.run(scheduler, opt, 99);
        Trace.assertClose(lrs[29][0], 0.1, 0, "peak");
        Trace.assertClose(lrs[99][0], 4e-7, 0, "minimum");
        for (int s = 1; s <= 29; s++) {
            assertThat(lrs[s][0]).isGreaterThan(lrs[s - 1][0]);
        }
        for (int s = 30; s <= 99; s++) {
            assertThat(lrs[s][0]).isLessThan(lrs[s - 1][0]);
        }
    }

    @Test
    void defaultsArePyTorchs() {
        var a = new FakeOptimizer(1.0);
        var b = new FakeOptimizer(1.0);
        var defaults = OneCycleLR.builder(a, 0.1, 100).build();
        var explicit = OneCycleLR.builder(b, 0.1, 100).pctStart(0.3).annealStrategy("cos").divFactor(25)
                .finalDivFactor(1e4).threePhase(false).build();
        assertThat(Trace.run(defaults, a, 100)).isDeepEqualTo(Trace.run(explicit, b, 100));
    }

    @Test
    void totalStepsFromEpochsTimesStepsPerEpoch() {
        var a = new FakeOptimizer(1.0);
        var b = new FakeOptimizer(1.0);
        var byEpochs = OneCycleLR.builder(a, 0.2).epochs(6).stepsPerEpoch(7).build();
        var byTotal = OneCycleLR.builder(b, 0.2, 42).build();
        assertThat(byEpochs.totalSteps()).isEqualTo(42);
        assertThat(Trace.run(byEpochs, a, 42)).isDeepEqualTo(Trace.run(byTotal, b, 42));
        var precedence = OneCycleLR.builder(new FakeOptimizer(1.0), 0.2, 30).epochs(6).stepsPerEpoch(7).build();
        assertThat(precedence.totalSteps()).isEqualTo(30);
    }

    @Test
    void steppingPastTotalStepsFailsAndChangesNothing() {
        var opt = new FakeOptimizer(1.0);
        var scheduler = OneCycleLR.builder(opt, 0.1, 10).build();
        for (int s = 0; s < 10; s++) {
            scheduler.step();
        }
        double last = opt.lrs()[0];
        assertThatThrownBy(scheduler::step).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tried to step 11 times").hasMessageContaining("total steps is 10");
        assertThatThrownBy(scheduler::step).hasMessageContaining("tried to step 11 times");
        assertThat(scheduler.lastEpoch()).isEqualTo(10);
        assertThat(opt.lrs()).containsExactly(last);
        assertThat(scheduler.lastLr()).isEqualTo(last);
    }

    @Test
    void zeroWidthPhases() {
        assertThatThrownBy(() -> OneCycleLR.builder(new FakeOptimizer(1.0), 0.1, 10).pctStart(0.1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pctStart=0.1").hasMessageContaining("totalSteps=10");
        // pctStart = 1 leaves the annealing phase empty: fine until the step past the cycle, where PyTorch divides by 0
        var opt = new FakeOptimizer(1.0);
        var scheduler = OneCycleLR.builder(opt, 0.1, 10).pctStart(1.0).annealStrategy("linear").build();
        double[][] lrs = Trace.run(scheduler, opt, 9);
        Trace.assertMatches(lrs, (g, s) -> 0.004 + (0.1 - 0.004) * s / 9.0, 0.1);
        assertThatThrownBy(scheduler::step).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("zero width").hasMessageContaining("step 10");
        assertThat(scheduler.lastEpoch()).isEqualTo(9);
    }

    @Test
    void rejectsBadArguments() {
        var opt = new FakeOptimizer(0.1, 0.1);
        assertThatThrownBy(() -> OneCycleLR.builder(opt, 0.1, 100).pctStart(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pctStart").hasMessageContaining("[0, 1]").hasMessageContaining("-0.1");
        assertThatThrownBy(() -> OneCycleLR.builder(opt, 0.1, 100).pctStart(1.5)).hasMessageContaining("1.5");
        assertThatThrownBy(() -> OneCycleLR.builder(opt, 0.1, 100).pctStart(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> OneCycleLR.builder(opt, 0.1, 100).annealStrategy("exp"))
                .hasMessageContaining("annealStrategy").hasMessageContaining("'exp'").hasMessageContaining("cos");
        assertThatThrownBy(() -> OneCycleLR.builder(opt, 0.1, 100).annealStrategy(null))
                .hasMessageContaining("annealStrategy").hasMessageContaining("null");
        assertThatThrownBy(() -> OneCycleLR.builder(opt, 0.1, 0)).hasMessageContaining("totalSteps")
                .hasMessageContaining("0");
        assertThatThrownBy(() -> OneCycleLR.builder(opt, 0.1).epochs(0)).hasMessageContaining("epochs");
        assertThatThrownBy(() -> OneCycleLR.builder(opt, 0.1).stepsPerEpoch(-1)).hasMessageContaining("stepsPerEpoch")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> OneCycleLR.builder(opt, 0.1).epochs(3).build())
                .hasMessageContaining("totalSteps").hasMessageContaining("stepsPerEpoch=null");
        assertThatThrownBy(() -> OneCycleLR.builder(opt, 0.1).epochs(100_000).stepsPerEpoch(100_000).build())
                .hasMessageContaining("overflows");
        assertThatThrownBy(() -> OneCycleLR.builder(opt, 0.1, 100).divFactor(0)).hasMessageContaining("divFactor");
        assertThatThrownBy(() -> OneCycleLR.builder(opt, 0.1, 100).finalDivFactor(-1))
                .hasMessageContaining("finalDivFactor").hasMessageContaining("-1");
        assertThatThrownBy(() -> OneCycleLR.builder(opt, 0, 100)).hasMessageContaining("maxLr")
                .hasMessageContaining("0.0");
        assertThatThrownBy(() -> OneCycleLR.builder(opt, 0.1, 100).maxLrs(0.1, 0.2, 0.3))
                .hasMessageContaining("maxLrs").hasMessageContaining("(2)").hasMessageContaining("3");
        assertThatThrownBy(() -> OneCycleLR.builder(opt, 0.1, 100).maxLrs(0.1, -0.2))
                .hasMessageContaining("maxLrs[1]").hasMessageContaining("-0.2");
        assertThatThrownBy(() -> OneCycleLR.builder(null, 0.1, 100)).hasMessageContaining("optimizer");
        assertThat(opt.lrs()).containsExactly(0.1, 0.1);
    }
}
