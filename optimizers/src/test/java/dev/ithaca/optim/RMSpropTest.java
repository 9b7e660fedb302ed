package dev.ithaca.optim;

import dev.ithaca.nn.Parameter;
import dev.ithaca.tensor.DType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RMSpropTest extends OptimizerTrajectoryTest {

    static Stream<Case> cases() {
        return Stream.of(
                rms("defaults", new Reference.RmsProp(1e-2, 0.99, 1e-8, 0, 0, false, false)),
                rms("alpha 0.9", new Reference.RmsProp(1e-2, 0.9, 1e-8, 0, 0, false, false)),
                rms("alpha 0.3 (lerp's large-weight branch), centered", new Reference.RmsProp(1e-2, 0.3, 1e-6, 0, 0, true, false)),
                rms("centered", new Reference.RmsProp(1e-2, 0.9, 1e-8, 0, 0, true, false)),
                rms("momentum", new Reference.RmsProp(1e-2, 0.99, 1e-8, 0, 0.9, false, false)),
                rms("weight decay", new Reference.RmsProp(1e-2, 0.99, 1e-8, 0.1, 0, false, false)),
                rms("maximize", new Reference.RmsProp(1e-2, 0.99, 1e-8, 0, 0, false, true)),
                rms("eps 0.1", new Reference.RmsProp(1e-2, 0.99, 0.1, 0, 0, false, false)),
                rms("centered, momentum, weight decay, maximize", new Reference.RmsProp(5e-3, 0.95, 1e-7, 0.05, 0.5, true, true)));
    }

    private static Case rms(String name, Reference.RmsProp r) {
        return new Case("RMSprop " + name, params -> RMSprop.builder().lr(r.lr()).alpha(r.alpha()).eps(r.eps())
                .weightDecay(r.weightDecay()).momentum(r.momentum()).centered(r.centered()).maximize(r.maximize()).build(params), r::create);
    }

    @Test
    void defaultsArePyTorchs() {
        RMSprop rms = own(RMSprop.builder().build(List.of(param("w", DType.FLOAT32, new double[] {1}, 1))));
        assertThat(rms.paramGroup(0).options()).containsExactly(
                Map.entry("lr", 1e-2), Map.entry("alpha", 0.99), Map.entry("eps", 1e-8), Map.entry("weight_decay", 0.0),
                Map.entry("momentum", 0.0), Map.entry("centered", false), Map.entry("maximize", false), Map.entry("flush_denormals", true));
    }

    @Test
    void keepsOnlyTheStateItsOptionsNeed() {
        Parameter w = param("w", DType.FLOAT32, new double[] {1, 2}, 2);
        RMSprop rms = own(RMSprop.builder().momentum(0.9).centered(true).build(List.of(w)));
        w.setGrad(tensor(DType.FLOAT32, new double[] {1, 1}, 2));
        rms.step();
        @SuppressWarnings("unchecked")
        Map<String, Object> state = ((Map<Integer, Map<String, Object>>) rms.stateDict().get("state")).get(0);
        assertThat(state).containsOnlyKeys("step", "square_avg", "momentum_buffer", "grad_avg");

        Parameter v = param("v", DType.FLOAT32, new double[] {1}, 1);
        RMSprop plain = own(RMSprop.builder().build(List.of(v)));
        v.setGrad(tensor(DType.FLOAT32, new double[] {1}, 1));
        plain.step();
        @SuppressWarnings("unchecked")
        Map<String, Object> plainState = ((Map<Integer, Map<String, Object>>) plain.stateDict().get("state")).get(0);
        assertThat(plainState).containsOnlyKeys("step", "square_avg");
    }

    @Test
    void rejectsInvalidHyperparameters() {
        List<Parameter> params = List.of(param("w", DType.FLOAT32, new double[] {1}, 1));
        assertThatThrownBy(() -> RMSprop.builder().lr(-0.01).build(params)).hasMessageContaining("RMSprop: Invalid learning rate: lr = -0.01");
        assertThatThrownBy(() -> RMSprop.builder().eps(-1e-8).build(params)).hasMessageContaining("eps = -1.0E-8");
        assertThatThrownBy(() -> RMSprop.builder().momentum(-0.9).build(params)).hasMessageContaining("Invalid momentum value: momentum = -0.9");
        assertThatThrownBy(() -> RMSprop.builder().weightDecay(-1).build(params)).hasMessageContaining("weight_decay = -1.0");
        assertThatThrownBy(() -> RMSprop.builder().alpha(-0.99).build(params)).hasMessageContaining("Invalid alpha value: alpha = -0.99");
    }
}
