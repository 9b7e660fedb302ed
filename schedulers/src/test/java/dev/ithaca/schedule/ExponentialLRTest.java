package dev.ithaca.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExponentialLRTest {

    @ParameterizedTest(name = "gamma={0}")
    @ValueSource(doubles = {0.9, 0.5, 0.99, 1.0, 1.05})
    void multipliesByGammaEveryEpoch(double gamma) {
        var opt = new FakeOptimizer(0.1, 3.0);
        var scheduler = new ExponentialLR(opt, gamma);
        double[][] lrs = Trace.run(scheduler, opt, 40);
        double[] base = {0.1, 3.0};
        Trace.assertMatches(lrs, (g, e) -> base[g] * Math.pow(gamma, e), 0);
        for (int e = 0; e <= 40; e++) {
            Trace.assertClose(lrs[e][1], scheduler.closedFormLrs(e).get(1), 0, "closed form, epoch " + e);
        }
    }

    @Test
    void rejectsBadGamma() {
        var opt = new FakeOptimizer(0.1);
        assertThatThrownBy(() -> new ExponentialLR(opt, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ExponentialLR").hasMessageContaining("gamma").hasMessageContaining("0.0");
        assertThatThrownBy(() -> new ExponentialLR(opt, -0.9)).hasMessageContaining("-0.9");
        assertThatThrownBy(() -> new ExponentialLR(opt, Double.NaN)).hasMessageContaining("NaN");
    }
}
