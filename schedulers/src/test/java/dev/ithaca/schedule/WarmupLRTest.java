package dev.ithaca.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WarmupLRTest {

    @ParameterizedTest(name = "warmupSteps={0}")
    @ValueSource(ints = {5, 1, 10, 33})
    void risesLinearlyFromZeroThenHolds(int warmupSteps) {
        var opt = new FakeOptimizer(0.1, 0.4);
        var scheduler = new WarmupLR(opt, warmupSteps);
        double[][] lrs = Trace.run(scheduler, opt, 40);
        double[] base = {0.1, 0.4};
        // Hugging Face's get_constant_schedule_with_warmup: step / warmup while step < warmup, then 1
        Trace.assertMatches(lrs, (g, e) -> e < warmupSteps ? base[g] * e / warmupSteps : base[g], 0);
        assertThat(lrs[0]).containsExactly(0.0, 0.0);
        for (int e = 0; e <= 40; e++) {
            assertThat(scheduler.closedFormLrs(e).get(1)).isEqualTo(lrs[e][1]);
        }
    }

    @Test
    void zeroWarmupStepsIsConstant() {
        var opt = new FakeOptimizer(0.3);
        double[][] lrs = Trace.run(new WarmupLR(opt, 0), opt, 30);
        Trace.assertMatches(lrs, (g, e) -> 0.3, 0);
    }

    @Test
    void setsTheLrRatherThanScalingIt() {
        var opt = new FakeOptimizer(1.0);
        var scheduler = new WarmupLR(opt, 4);
        scheduler.step();
        opt.setLearningRate(0, 123.0);
        scheduler.step();
        assertThat(opt.lrs()).containsExactly(0.5);
    }

    @Test
    void rejectsNegativeWarmup() {
        assertThatThrownBy(() -> new WarmupLR(new FakeOptimizer(0.1), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("warmupSteps").hasMessageContaining("-1");
    }
}
