package dev.ithaca.optim;

import dev.ithaca.nn.Parameter;
import dev.ithaca.tensor.DType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SGDTest extends OptimizerTrajectoryTest {

    static Stream<Case> cases() {
        return Stream.of(
                sgd("plain", new Reference.Sgd(0.1, 0, 0, 0, false, false)),
                sgd("momentum", new Reference.Sgd(0.05, 0.9, 0, 0, false, false)),
                sgd("momentum with dampening", new Reference.Sgd(0.05, 0.9, 0.3, 0, false, false)),
                sgd("nesterov", new Reference.Sgd(0.05, 0.8, 0, 0, true, false)),
                sgd("weight decay", new Reference.Sgd(0.1, 0, 0, 0.05, false, false)),
                sgd("maximize", new Reference.Sgd(0.1, 0.5, 0, 0, false, true)),
                sgd("momentum, dampening, weight decay", new Reference.Sgd(0.03, 0.7, 0.1, 0.05, false, false)),
                sgd("nesterov, weight decay, maximize", new Reference.Sgd(0.03, 0.9, 0, 0.05, true, true)));
    }

    private static Case sgd(String name, Reference.Sgd r) {
        return new Case("SGD " + name, params -> SGD.builder().lr(r.lr()).momentum(r.momentum()).dampening(r.dampening())
                .weightDecay(r.weightDecay()).nesterov(r.nesterov()).maximize(r.maximize()).build(params), r::create);
    }

    @Test
    void defaultsArePyTorchs() {
        SGD sgd = own(SGD.builder().build(List.of(param("w", DType.FLOAT32, new double[] {1}, 1))));
        assertThat(sgd.paramGroup(0).options()).containsExactly(
                Map.entry("lr", 1e-3), Map.entry("momentum", 0.0), Map.entry("dampening", 0.0),
                Map.entry("weight_decay", 0.0), Map.entry("nesterov", false), Map.entry("maximize", false),
                Map.entry("flush_denormals", true));
    }

    @Test
    void plainSgdKeepsNoState() {
        Parameter w = param("w", DType.FLOAT32, new double[] {1, 2}, 2);
        SGD sgd = own(SGD.builder().lr(0.5).build(List.of(w)));
        w.setGrad(tensor(DType.FLOAT32, new double[] {1, -2}, 2));
        sgd.step();
        assertThat(w.toFloatArray()).containsExactly(0.5f, 3f);
        assertThat((Map<?, ?>) sgd.stateDict().get("state")).isEmpty();
    }

    @Test
    void rejectsInvalidHyperparameters() {
        List<Parameter> params = List.of(param("w", DType.FLOAT32, new double[] {1}, 1));
        assertThatThrownBy(() -> SGD.builder().lr(-0.1).build(params))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid learning rate").hasMessageContaining("lr = -0.1");
        assertThatThrownBy(() -> SGD.builder().lr(Double.NaN).build(params)).hasMessageContaining("lr = NaN");
        assertThatThrownBy(() -> SGD.builder().momentum(-0.5).build(params)).hasMessageContaining("momentum = -0.5");
        assertThatThrownBy(() -> SGD.builder().weightDecay(-1e-4).build(params)).hasMessageContaining("weight_decay = -1.0E-4");
        assertThatThrownBy(() -> SGD.builder().nesterov(true).build(params))
                .hasMessageContaining("Nesterov momentum requires a momentum and zero dampening").hasMessageContaining("momentum = 0.0");
        assertThatThrownBy(() -> SGD.builder().momentum(0.9).dampening(0.1).nesterov(true).build(params))
                .hasMessageContaining("dampening = 0.1");
        assertThatThrownBy(() -> SGD.builder().build(List.of())).hasMessageContaining("empty parameter list");
    }
}
