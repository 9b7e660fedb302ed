package dev.ithaca.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinearLRTest {

    @ParameterizedTest(name = "start={0} end={1} totalIters={2}")
    @CsvSource({"0.25, 1.0, 8", "0.3333333333333333, 1.0, 5", "1.0, 0.1, 10", "0.5, 0.0, 4", "0.05, 1.0, 40",
            "1.0, 1.0, 3", "0.2, 0.6, 1"})
    void factorMovesLinearlyThenHolds(double start, double end, int totalIters) {
        var opt = new FakeOptimizer(0.1, 2.0);
        var scheduler = new LinearLR(opt, start, end, totalIters);
        int epochs = Math.max(35, totalIters + 10);
        double[][] lrs = Trace.run(scheduler, opt, epochs);
        double[] base = {0.1, 2.0};
        Trace.assertMatches(lrs, (g, e) -> {
            double t = Math.min(e, totalIters) / (double) totalIters;
            return base[g] * (start * (1 - t) + end * t);
        }, 0);
        for (int e = 0; e <= epochs; e++) {
            for (int g = 0; g < 2; g++) {
                Trace.assertClose(lrs[e][g], scheduler.closedFormLrs(e).get(g), 0, "closed form, epoch " + e);
            }
        }
    }

    @Test
    void warmupExample() {
        var opt = new FakeOptimizer(0.1);
        double[][] lrs = Trace.run(new LinearLR(opt, 0.25, 1.0, 8), opt, 30);
        Trace.assertClose(lrs[0][0], 0.025, 0, "epoch 0");
        Trace.assertClose(lrs[4][0], 0.0625, 0, "epoch 4");
        Trace.assertClose(lrs[8][0], 0.1, 0, "epoch 8");
        assertThat(lrs[30][0]).isEqualTo(lrs[8][0]);
    }

    @Test
    void rejectsBadArguments() {
        var opt = new FakeOptimizer(0.1);
        assertThatThrownBy(() -> new LinearLR(opt, 0.0, 1.0, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("startFactor").hasMessageContaining("(0, 1]").hasMessageContaining("0.0");
        assertThatThrownBy(() -> new LinearLR(opt, 1.5, 1.0, 5)).hasMessageContaining("startFactor")
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> new LinearLR(opt, 0.5, -0.1, 5)).hasMessageContaining("endFactor")
                .hasMessageContaining("-0.1");
        assertThatThrownBy(() -> new LinearLR(opt, 0.5, 1.1, 5)).hasMessageContaining("endFactor")
                .hasMessageContaining("1.1");
        assertThatThrownBy(() -> new LinearLR(opt, 0.5, 1.0, 0)).hasMessageContaining("totalIters")
                .hasMessageContaining("0");
        assertThatThrownBy(() -> new LinearLR(opt, Double.NaN, 1.0, 5)).hasMessageContaining("NaN");
    }
}
