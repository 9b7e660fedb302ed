package dev.ithaca.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StepLRTest {

    @ParameterizedTest(name = "stepSize={0} gamma={1}")
    @CsvSource({"7, 0.5", "1, 0.9", "3, 0.1", "10, 2.0", "40, 0.5"})
    void decaysByGammaEveryStepSizeEpochs(int stepSize, double gamma) {
        var opt = new FakeOptimizer(0.1, 0.02);
        var scheduler = new StepLR(opt, stepSize, gamma);
        double[][] lrs = Trace.run(scheduler, opt, 45);
        double[] base = {0.1, 0.02};
        // PyTorch docs: lr = base_lr * gamma ** (epoch // step_size)
        Trace.assertMatches(lrs, (g, e) -> base[g] * Math.pow(gamma, Math.floorDiv(e, stepSize)), 0);
        assertThat(scheduler.lastEpoch()).isEqualTo(45);
    }

    @Test
    void pytorchDocExample() {
        var opt = new FakeOptimizer(0.05);
        double[][] lrs = Trace.run(new StepLR(opt, 30, 0.1), opt, 95);
        assertThat(lrs[0][0]).isEqualTo(0.05);
        assertThat(lrs[29][0]).isEqualTo(0.05);
        Trace.assertClose(lrs[30][0], 0.005, 0, "epoch 30");
        Trace.assertClose(lrs[59][0], 0.005, 0, "epoch 59");
        Trace.assertClose(lrs[60][0], 0.0005, 0, "epoch 60");
        Trace.assertClose(lrs[95][0], 0.00005, 0, "epoch 95");
    }

    @Test
    void defaultGammaIsOneTenth() {
        var opt = new FakeOptimizer(1.0);
        double[][] lrs = Trace.run(new StepLR(opt, 2), opt, 31);
        Trace.assertMatches(lrs, (g, e) -> Math.pow(0.1, e / 2), 0);
    }

    @Test
    void recursiveFormAgreesWithClosedForm() {
        var opt = new FakeOptimizer(0.3, 0.7);
        var scheduler = new StepLR(opt, 4, 0.6);
        double[][] lrs = Trace.run(scheduler, opt, 40);
        for (int e = 0; e <= 40; e++) {
            for (int g = 0; g < 2; g++) {
                Trace.assertClose(lrs[e][g], scheduler.closedFormLrs(e).get(g), 0, "epoch " + e);
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        var opt = new FakeOptimizer(0.1);
        assertThatThrownBy(() -> new StepLR(opt, 0, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stepSize").hasMessageContaining("0");
        assertThatThrownBy(() -> new StepLR(opt, -3, 0.5)).hasMessageContaining("stepSize").hasMessageContaining("-3");
        assertThatThrownBy(() -> new StepLR(opt, 5, 0)).hasMessageContaining("gamma").hasMessageContaining("0.0");
        assertThatThrownBy(() -> new StepLR(opt, 5, -0.5)).hasMessageContaining("gamma").hasMessageContaining("-0.5");
        assertThatThrownBy(() -> new StepLR(opt, 5, Double.NaN)).hasMessageContaining("gamma").hasMessageContaining("NaN");
        assertThatThrownBy(() -> new StepLR(null, 5, 0.5)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("optimizer");
        assertThat(opt.lrs()).containsExactly(0.1);
    }
}
