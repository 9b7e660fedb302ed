package dev.ithaca.schedule;

import dev.ithaca.train.LRScheduler;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Several schedulers stepping one optimizer multiply their effects, as PyTorch's chainable form does. */
class ChainingTest {

    private static double[][] runChain(FakeOptimizer opt, List<LRScheduler> chain, int epochs) {
        double[][] rows = new double[epochs + 1][];
        for (int e = 0; e <= epochs; e++) {
            if (e > 0) {
                chain.forEach(LRScheduler::step);
            }
            rows[e] = opt.lrs();
            assertThat(chain.get(chain.size() - 1).lastLrs().get(0)).isEqualTo(rows[e][0]);
        }
        return rows;
    }

    @Test
    void stepAndExponentialMultiply() {
        var opt = new FakeOptimizer(0.1, 0.4);
        double[][] lrs = runChain(opt, List.of(new StepLR(opt, 5, 0.5), new ExponentialLR(opt, 0.95)), 40);
        double[] base = {0.1, 0.4};
        Trace.assertMatches(lrs, (g, e) -> base[g] * Math.pow(0.5, e / 5) * Math.pow(0.95, e), 0);
    }

    @Test
    void constantAndExponentialLikePyTorchsChainedSchedulerExample() {
        var opt = new FakeOptimizer(0.05);
        double[][] lrs = runChain(opt, List.of(new ConstantLR(opt, 0.1, 20), new ExponentialLR(opt, 0.9)), 35);
        Trace.assertMatches(lrs, (g, e) -> 0.05 * (e < 20 ? 0.1 : 1.0) * Math.pow(0.9, e), 0);
    }

    @Test
    void linearWarmupAndMultiStep() {
        var opt = new FakeOptimizer(1.0);
        double[][] lrs = runChain(opt, List.of(new LinearLR(opt, 0.2, 1.0, 6), new MultiStepLR(opt, new int[]{10, 25},
                0.1)), 35);
        Trace.assertMatches(lrs, (g, e) -> (0.2 + 0.8 * Math.min(e, 6) / 6.0) * Math.pow(0.1, (e >= 10 ? 1 : 0)
                + (e >= 25 ? 1 : 0)), 0);
    }

    @Test
    void cosineUnderAConstantFactorWithinTheFirstHalfPeriod() {
        // before T_max the recursive cosine only scales (lr - eta_min), so with eta_min = 0 it multiplies cleanly
        var opt = new FakeOptimizer(0.2);
        double[][] lrs = runChain(opt, List.of(new ConstantLR(opt, 0.5, 8), new CosineAnnealingLR(opt, 30)), 30);
        Trace.assertMatches(lrs, (g, e) -> (e < 8 ? 0.5 : 1.0) * 0.2 * (1 + Math.cos(Math.PI * e / 30)) / 2, 0);
    }

    @Test
    void aChainedSchedulerTakesTheLrItFindsAsItsBase() {
        // PyTorch would give the second one the first one's initial_lr (0.1); the Optimizer contract has no slot for it
        var opt = new FakeOptimizer(0.1);
        var constant = new ConstantLR(opt, 0.5, 3);
        var exponential = new ExponentialLR(opt, 0.9);
        assertThat(constant.baseLrs()).containsExactly(0.1);
        assertThat(exponential.baseLrs()).containsExactly(0.05);
    }

    @Test
    void anOuterChangeToTheLrCarriesThrough() {
        var opt = new FakeOptimizer(1.0);
        var scheduler = new ExponentialLR(opt, 0.5);
        scheduler.step();
        opt.setLearningRate(0, 3.0);
        scheduler.step();
        assertThat(opt.lrs()).containsExactly(1.5);
        assertThat(scheduler.closedFormLrs(2)).containsExactly(0.25);
    }
}
