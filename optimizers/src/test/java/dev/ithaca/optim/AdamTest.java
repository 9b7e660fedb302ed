package dev.ithaca.optim;

import dev.ithaca.nn.Parameter;
import dev.ithaca.tensor.DType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdamTest extends OptimizerTrajectoryTest {

    static Stream<Case> cases() {
        return Stream.of(
                adam("defaults", new Reference.Adam(1e-3, 0.9, 0.999, 1e-8, 0, false, false, false)),
                adam("large lr", new Reference.Adam(0.1, 0.9, 0.999, 1e-8, 0, false, false, false)),
                adam("betas 0.5, 0.9 and eps 1e-3", new Reference.Adam(0.05, 0.5, 0.9, 1e-3, 0, false, false, false)),
                adam("beta1 0.6 (lerp's large-weight branch)", new Reference.Adam(0.05, 0.3, 0.99, 1e-8, 0, false, false, false)),
                adam("weight decay as L2", new Reference.Adam(0.05, 0.9, 0.999, 1e-8, 0.1, false, false, false)),
                adam("amsgrad", new Reference.Adam(0.05, 0.9, 0.99, 1e-8, 0, true, false, false)),
                adam("maximize", new Reference.Adam(0.05, 0.9, 0.999, 1e-8, 0, false, true, false)),
                adam("amsgrad, weight decay, maximize", new Reference.Adam(0.05, 0.8, 0.95, 1e-6, 0.1, true, true, false)));
    }

    private static Case adam(String name, Reference.Adam r) {
        return new Case("Adam " + name, params -> Adam.builder().lr(r.lr()).betas(r.beta1(), r.beta2()).eps(r.eps())
                .weightDecay(r.weightDecay()).amsgrad(r.amsgrad()).maximize(r.maximize()).build(params), r::create);
    }

    @Test
    void defaultsArePyTorchs() {
        Adam adam = own(Adam.builder().build(List.of(param("w", DType.FLOAT32, new double[] {1}, 1))));
        assertThat(adam.paramGroup(0).options()).containsExactly(
                Map.entry("lr", 1e-3), Map.entry("betas", List.of(0.9, 0.999)), Map.entry("eps", 1e-8), Map.entry("weight_decay", 0.0),
                Map.entry("amsgrad", false), Map.entry("maximize", false), Map.entry("flush_denormals", true));
    }

    @Test
    void amsgradKeepsTheMaximumOfTheRawSecondMoment() {
        Parameter w = param("w", DType.FLOAT64, new double[] {1}, 1);
        Adam adam = own(Adam.builder().lr(0.1).betas(0.9, 0.5).amsgrad(true).build(List.of(w)));
        w.setGrad(tensor(DType.FLOAT64, new double[] {2}, 1));
        adam.step();
        w.setGrad(tensor(DType.FLOAT64, new double[] {0}, 1));
        adam.step();
        @SuppressWarnings("unchecked")
        Map<String, Object> state = ((Map<Integer, Map<String, Object>>) adam.stateDict().get("state")).get(0);
        // v1 = 0.5 * 4 = 2, v2 = 0.5 * 2 = 1: the max keeps v1 = 2, not a bias-corrected value
        assertThat(values((dev.ithaca.tensor.Tensor) state.get("exp_avg_sq"))).containsExactly(1.0);
        assertThat(values((dev.ithaca.tensor.Tensor) state.get("max_exp_avg_sq"))).containsExactly(2.0);
        assertThat(state.get("step")).isEqualTo(2L);
    }

    @Test
    void rejectsInvalidHyperparameters() {
        List<Parameter> params = List.of(param("w", DType.FLOAT32, new double[] {1}, 1));
        assertThatThrownBy(() -> Adam.builder().lr(-1e-3).build(params))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Adam: Invalid learning rate: lr = -0.001");
        assertThatThrownBy(() -> Adam.builder().eps(-1e-8).build(params)).hasMessageContaining("Invalid epsilon value: eps = -1.0E-8");
        assertThatThrownBy(() -> Adam.builder().betas(1.0, 0.999).build(params))
                .hasMessageContaining("Invalid beta parameter at index 0: betas[0] = 1.0");
        assertThatThrownBy(() -> Adam.builder().betas(-0.1, 0.999).build(params)).hasMessageContaining("betas[0] = -0.1");
        assertThatThrownBy(() -> Adam.builder().betas(0.9, 1.5).build(params))
                .hasMessageContaining("Invalid beta parameter at index 1: betas[1] = 1.5");
        assertThatThrownBy(() -> Adam.builder().weightDecay(-0.1).build(params)).hasMessageContaining("weight_decay = -0.1");
    }
}
