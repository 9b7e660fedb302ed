package dev.ithaca.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConstantLRTest {

    @ParameterizedTest(name = "factor={0} totalIters={1}")
    @CsvSource({"0.5, 4", "0.3333333333333333, 5", "0.1, 20", "1.0, 3", "0.01, 1", "0.7, 40"})
    void scalesUntilTotalItersThenRestores(double factor, int totalIters) {
        var opt = new FakeOptimizer(0.05, 1.0);
        var scheduler = new ConstantLR(opt, factor, totalIters);
        int epochs = Math.max(35, totalIters + 5);
        double[][] lrs = Trace.run(scheduler, opt, epochs);
        double[] base = {0.05, 1.0};
        Trace.assertMatches(lrs, (g, e) -> e < totalIters ? base[g] * factor : base[g], 0);
        for (int e = 0; e <= epochs; e++) {
            Trace.assertClose(lrs[e][0], scheduler.closedFormLrs(e).get(0), 0, "closed form, epoch " + e);
        }
    }

    @Test
    void pytorchDocExample() {
        var opt = new FakeOptimizer(0.05);
        double[][] lrs = Trace.run(new ConstantLR(opt, 0.5, 40), opt, 45);
        assertThat(lrs[0][0]).isEqualTo(0.025);
        assertThat(lrs[39][0]).isEqualTo(0.025);
        assertThat(lrs[40][0]).isEqualTo(0.05);
        assertThat(lrs[45][0]).isEqualTo(0.05);
    }

    @Test
    void rejectsBadArguments() {
        var opt = new FakeOptimizer(0.1);
        assertThatThrownBy(() -> new ConstantLR(opt, 0.0, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("factor").hasMessageContaining("0.0");
        assertThatThrownBy(() -> new ConstantLR(opt, 1.01, 5)).hasMessageContaining("factor")
                .hasMessageContaining("1.01");
        assertThatThrownBy(() -> new ConstantLR(opt, -0.5, 5)).hasMessageContaining("-0.5");
        assertThatThrownBy(() -> new ConstantLR(opt, 0.5, 0)).hasMessageContaining("totalIters");
        assertThatThrownBy(() -> new ConstantLR(opt, 0.5, -2)).hasMessageContaining("-2");
    }
}
