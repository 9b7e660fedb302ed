package dev.ithaca.optim;

import dev.ithaca.nn.Parameter;
import dev.ithaca.tensor.DType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdamWTest extends OptimizerTrajectoryTest {

    static Stream<Case> cases() {
        return Stream.of(
                adamw("defaults", new Reference.Adam(1e-3, 0.9, 0.999, 1e-8, 1e-2, false, false, true)),
                adamw("strong decoupled decay", new Reference.Adam(0.05, 0.9, 0.999, 1e-8, 0.5, false, false, true)),
                adamw("no weight decay", new Reference.Adam(0.05, 0.9, 0.999, 1e-8, 0, false, false, true)),
                adamw("betas and eps", new Reference.Adam(0.05, 0.3, 0.9, 1e-4, 0.1, false, false, true)),
                adamw("amsgrad", new Reference.Adam(0.05, 0.9, 0.99, 1e-8, 0.1, true, false, true)),
                adamw("maximize", new Reference.Adam(0.05, 0.9, 0.999, 1e-8, 0.1, false, true, true)),
                adamw("amsgrad, maximize", new Reference.Adam(0.05, 0.8, 0.95, 1e-6, 0.2, true, true, true)));
    }

    private static Case adamw(String name, Reference.Adam r) {
        return new Case("AdamW " + name, params -> AdamW.builder().lr(r.lr()).betas(r.beta1(), r.beta2()).eps(r.eps())
                .weightDecay(r.weightDecay()).amsgrad(r.amsgrad()).maximize(r.maximize()).build(params), r::create);
    }

    @Test
    void defaultWeightDecayIsOneHundredth() {
        AdamW adamw = own(AdamW.builder().build(List.of(param("w", DType.FLOAT32, new double[] {1}, 1))));
        assertThat(adamw.paramGroup(0).getDouble("weight_decay")).isEqualTo(1e-2);
        assertThat(adamw.paramGroup(0).lr()).isEqualTo(1e-3);
    }

    @Test
    void decaysDecoupledFromTheGradient() {
        // a zero gradient leaves Adam's step at zero, so only the decoupled shrink moves the weight
        Parameter w = param("w", DType.FLOAT64, new double[] {2}, 1);
        AdamW adamw = own(AdamW.builder().lr(0.1).weightDecay(0.5).build(List.of(w)));
        w.setGrad(tensor(DType.FLOAT64, new double[] {0}, 1));
        adamw.step();
        assertThat(values(w)).containsExactly(2 * (1 - 0.1 * 0.5));
    }

    @Test
    void rejectsInvalidHyperparameters() {
        List<Parameter> params = List.of(param("w", DType.FLOAT32, new double[] {1}, 1));
        assertThatThrownBy(() -> AdamW.builder().lr(-1).build(params)).hasMessageContaining("AdamW: Invalid learning rate: lr = -1.0");
        assertThatThrownBy(() -> AdamW.builder().betas(0.9, 1.0).build(params)).hasMessageContaining("betas[1] = 1.0");
        assertThatThrownBy(() -> AdamW.builder().eps(-1).build(params)).hasMessageContaining("eps = -1.0");
        assertThatThrownBy(() -> AdamW.builder().weightDecay(-1e-2).build(params)).hasMessageContaining("weight_decay = -0.01");
    }
}
