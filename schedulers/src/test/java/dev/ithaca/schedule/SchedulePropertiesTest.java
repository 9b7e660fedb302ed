package dev.ithaca.schedule;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

import static org.assertj.core.api.Assertions.assertThat;

class SchedulePropertiesTest {

    @Property(tries = 200)
    void cosineStaysWithinEtaMinAndTheBaseLr(@ForAll @Scale(12) @DoubleRange(min = 1e-6, max = 10) double base,
                                             @ForAll @Scale(12) @DoubleRange(min = 0, max = 1) double etaFraction,
                                             @ForAll @IntRange(min = 1, max = 60) int tMax) {
        double etaMin = base * etaFraction;
        var opt = new FakeOptimizer(base);
        var scheduler = new CosineAnnealingLR(opt, tMax, etaMin);
        double slack = 1e-12 * base;
        for (int e = 0; e <= 3 * tMax + 5; e++) {
            if (e > 0) {
                scheduler.step();
            }
            assertThat(opt.lrs()[0]).isBetween(etaMin - slack, base + slack);
            Trace.assertClose(opt.lrs()[0], scheduler.closedFormLrs(e).get(0), base, "epoch " + e);
        }
    }

    @Property(tries = 200)
    void decayingSchedulesNeverIncreaseAndMatchTheirClosedForms(
            @ForAll @Scale(12) @DoubleRange(min = 1e-4, max = 1) double base,
            @ForAll @Scale(12) @DoubleRange(min = 0.01, max = 1) double gamma,
            @ForAll @IntRange(min = 1, max = 12) int stepSize,
            @ForAll @IntRange(min = 0, max = 30) int m1,
            @ForAll @IntRange(min = 1, max = 30) int gap) {
        var opt = new FakeOptimizer[]{new FakeOptimizer(base), new FakeOptimizer(base), new FakeOptimizer(base)};
        AbstractLRScheduler[] schedulers = {new StepLR(opt[0], stepSize, gamma),
                new MultiStepLR(opt[1], new int[]{m1, m1 + gap}, gamma), new ExponentialLR(opt[2], gamma)};
        for (int i = 0; i < schedulers.length; i++) {
            double previous = opt[i].lrs()[0];
            for (int e = 0; e <= 60; e++) {
                if (e > 0) {
                    schedulers[i].step();
                }
                double lr = opt[i].lrs()[0];
                assertThat(lr).isLessThanOrEqualTo(previous);
                Trace.assertClose(lr, schedulers[i].closedFormLrs(e).get(0), 0, schedulers[i] + " epoch " + e);
                previous = lr;
            }
        }
    }

    @Property(tries = 200)
    void linearAndConstantAgreeWithTheirClosedForms(@ForAll @Scale(12) @DoubleRange(min = 0.01, max = 1) double start,
                                                    @ForAll @Scale(12) @DoubleRange(min = 0, max = 1) double end,
                                                    @ForAll @IntRange(min = 1, max = 40) int totalIters) {
        var a = new FakeOptimizer(0.1);
        var b = new FakeOptimizer(0.1);
        var linear = new LinearLR(a, start, end, totalIters);
        var constant = new ConstantLR(b, start, totalIters);
        for (int e = 0; e <= totalIters + 20; e++) {
            if (e > 0) {
                linear.step();
                constant.step();
            }
            Trace.assertClose(a.lrs()[0], linear.closedFormLrs(e).get(0), 0.1, "linear epoch " + e);
            Trace.assertClose(b.lrs()[0], constant.closedFormLrs(e).get(0), 0.1, "constant epoch " + e);
            assertThat(a.lrs()[0]).isBetween(0.1 * Math.min(start, end) - 1e-15, 0.1 * Math.max(start, end) + 1e-15);
        }
    }

    @Property(tries = 200)
    void oneCycleStaysBetweenItsMinimumAndMaxLrWithinTheCycle(
            @ForAll @Scale(12) @DoubleRange(min = 1e-4, max = 1) double maxLr,
            @ForAll @IntRange(min = 2, max = 300) int totalSteps,
            @ForAll @Scale(12) @DoubleRange(min = 0.05, max = 0.5) double pctStart,
            @ForAll boolean cos, @ForAll boolean threePhase,
            @ForAll @Scale(12) @DoubleRange(min = 1.5, max = 100) double divFactor,
            @ForAll @Scale(12) @DoubleRange(min = 1.5, max = 1e4) double finalDivFactor) {
        Assume.that(pctStart * totalSteps - 1 > 0 && 2 * pctStart * totalSteps - 2 < totalSteps - 1);
        var opt = new FakeOptimizer(1.0);
        var scheduler = OneCycleLR.builder(opt, maxLr, totalSteps).pctStart(pctStart)
                .annealStrategy(cos ? "cos" : "linear").threePhase(threePhase).divFactor(divFactor)
                .finalDivFactor(finalDivFactor).build();
        double min = maxLr / divFactor / finalDivFactor;
        double slack = 1e-12 * maxLr;
        for (int s = 0; s < totalSteps; s++) {
            if (s > 0) {
                scheduler.step();
            }
            assertThat(opt.lrs()[0]).isBetween(min - slack, maxLr + slack);
        }
    }

    @Property(tries = 100)
    void plateauNeverGoesBelowMinLrNorRaisesTheLr(@ForAll @Scale(12) @DoubleRange(min = 0, max = 0.99) double factor,
                                                   @ForAll @IntRange(min = 0, max = 4) int patience,
                                                   @ForAll @Scale(12) @DoubleRange(min = 0, max = 0.05) double minLr,
                                                   @ForAll("metrics") double[] metrics) {
        var opt = new FakeOptimizer(0.1);
        var plateau = ReduceLROnPlateau.builder(opt).factor(factor).patience(patience).minLr(minLr).build();
        double previous = 0.1;
        for (double m : metrics) {
            plateau.step(m);
            double lr = opt.lrs()[0];
            assertThat(lr).isLessThanOrEqualTo(previous).isGreaterThanOrEqualTo(Math.min(minLr, 0.1));
            previous = lr;
        }
    }

    @Provide
    Arbitrary<double[]> metrics() {
        return Arbitraries.doubles().between(0, 10).array(double[].class).ofMinSize(1).ofMaxSize(80);
    }
}
