package dev.ithaca.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CosineAnnealingLRTest {

    /** SGDR's closed form, which PyTorch's recursive form reproduces: eta_min + (base - eta_min)(1 + cos(pi e / T)) / 2. */
    private static double sgdr(double base, double etaMin, int tMax, int epoch) {
        return etaMin + 0.5 * (base - etaMin) * (1 + Math.cos(epoch * Math.PI / tMax));
    }

    @ParameterizedTest(name = "tMax={0} etaMin={1}")
    @CsvSource({"10, 0.001", "7, 0.0", "1, 0.0", "2, 0.01", "25, 0.0001", "50, 0.0"})
    void recursiveFormFollowsTheCosineAndKeepsGoingPastTMax(int tMax, double etaMin) {
        var opt = new FakeOptimizer(0.1, 0.05);
        var scheduler = new CosineAnnealingLR(opt, tMax, etaMin);
        int epochs = Math.max(40, 4 * tMax + 3);
        double[][] lrs = Trace.run(scheduler, opt, epochs);
        double[] base = {0.1, 0.05};
        for (int g = 0; g < 2; g++) {
            for (int e = 0; e <= epochs; e++) {
                Trace.assertClose(lrs[e][g], sgdr(base[g], etaMin, tMax, e), 0, "group " + g + " epoch " + e);
                Trace.assertClose(lrs[e][g], scheduler.closedFormLrs(e).get(g), 0, "closed form, epoch " + e);
            }
        }
    }

    @Test
    void reachesEtaMinAtTMaxAndTheBaseLrAgainAtTwiceTMax() {
        var opt = new FakeOptimizer(0.1);
        double[][] lrs = Trace.run(new CosineAnnealingLR(opt, 10, 0.001), opt, 40);
        assertThat(lrs[0][0]).isEqualTo(0.1);
        Trace.assertClose(lrs[10][0], 0.001, 0, "epoch 10");
        Trace.assertClose(lrs[20][0], 0.1, 0, "epoch 20");
        Trace.assertClose(lrs[30][0], 0.001, 0, "epoch 30");
        Trace.assertClose(lrs[5][0], 0.0505, 0, "epoch 5");
        assertThat(lrs[11][0]).isGreaterThan(lrs[10][0]);
    }

    @Test
    void defaultEtaMinIsZero() {
        var opt = new FakeOptimizer(1.0);
        double[][] lrs = Trace.run(new CosineAnnealingLR(opt, 8), opt, 32);
        Trace.assertMatches(lrs, (g, e) -> sgdr(1.0, 0, 8, e), 0);
        assertThat(lrs[8][0]).isEqualTo(0.0);
    }

    @Test
    void rejectsBadArguments() {
        var opt = new FakeOptimizer(0.1);
        assertThatThrownBy(() -> new CosineAnnealingLR(opt, 0, 0.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tMax").hasMessageContaining("0");
        assertThatThrownBy(() -> new CosineAnnealingLR(opt, -5, 0.0)).hasMessageContaining("-5");
        assertThatThrownBy(() -> new CosineAnnealingLR(opt, 10, -0.001)).hasMessageContaining("etaMin")
                .hasMessageContaining("-0.001");
        assertThatThrownBy(() -> new CosineAnnealingLR(opt, 10, Double.NaN)).hasMessageContaining("etaMin");
    }
}
