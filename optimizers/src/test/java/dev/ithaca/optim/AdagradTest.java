package dev.ithaca.optim;

import dev.ithaca.nn.Parameter;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdagradTest extends OptimizerTrajectoryTest {

    static Stream<Case> cases() {
        return Stream.of(
                ada("defaults", new Reference.Adagrad(1e-2, 0, 0, 0, 1e-10, false)),
                ada("large lr", new Reference.Adagrad(0.5, 0, 0, 0, 1e-10, false)),
                ada("lr decay", new Reference.Adagrad(0.1, 0.3, 0, 0, 1e-10, false)),
                ada("weight decay", new Reference.Adagrad(0.1, 0, 0.2, 0, 1e-10, false)),
                ada("initial accumulator value", new Reference.Adagrad(0.1, 0, 0, 0.5, 1e-10, false)),
                ada("eps 0.1", new Reference.Adagrad(0.1, 0, 0, 0, 0.1, false)),
                ada("maximize", new Reference.Adagrad(0.1, 0, 0, 0, 1e-10, true)),
                ada("all, maximize", new Reference.Adagrad(0.2, 0.1, 0.05, 0.1, 1e-6, true)));
    }

    private static Case ada(String name, Reference.Adagrad r) {
        return new Case("Adagrad " + name, params -> Adagrad.builder().lr(r.lr()).lrDecay(r.lrDecay()).weightDecay(r.weightDecay())
                .initialAccumulatorValue(r.initialAccumulatorValue()).eps(r.eps()).maximize(r.maximize()).build(params), r::create);
    }

    @Test
    void defaultsArePyTorchs() {
        Adagrad ada = own(Adagrad.builder().build(List.of(param("w", DType.FLOAT32, new double[] {1}, 1))));
        assertThat(ada.paramGroup(0).options()).containsExactly(
                Map.entry("lr", 1e-2), Map.entry("lr_decay", 0.0), Map.entry("weight_decay", 0.0),
                Map.entry("initial_accumulator_value", 0.0), Map.entry("eps", 1e-10), Map.entry("maximize", false),
                Map.entry("flush_denormals", true));
    }

    @Test
    void createsStateForEveryParameterUpFront() {
        Parameter w = param("w", DType.FLOAT32, new double[] {1, 2}, 2);
        Adagrad ada = own(Adagrad.builder().initialAccumulatorValue(0.25).build(List.of(w)));
        @SuppressWarnings("unchecked")
        Map<String, Object> state = ((Map<Integer, Map<String, Object>>) ada.stateDict().get("state")).get(0);
        assertThat(state.get("step")).isEqualTo(0L);
        assertThat(((Tensor) state.get("sum")).toFloatArray()).containsExactly(0.25f, 0.25f);
    }

    @Test
    void decaysTheLearningRateByStep() {
        // sum after k steps of grad 1 is k; clr = lr / (1 + (k - 1) * lr_decay)
        Parameter w = param("w", DType.FLOAT64, new double[] {0}, 1);
        Adagrad ada = own(Adagrad.builder().lr(1).lrDecay(0.5).eps(0).build(List.of(w)));
        double expected = 0;
        for (int k = 1; k <= 4; k++) {
            w.setGrad(tensor(DType.FLOAT64, new double[] {1}, 1));
            ada.step();
            expected -= (1 / (1 + (k - 1) * 0.5)) * (1 / Math.sqrt(k));
            assertThat(values(w)[0]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-15));
        }
    }

    @Test
    void rejectsInvalidHyperparameters() {
        List<Parameter> params = List.of(param("w", DType.FLOAT32, new double[] {1}, 1));
        assertThatThrownBy(() -> Adagrad.builder().lr(-1).build(params)).hasMessageContaining("Adagrad: Invalid learning rate: lr = -1.0");
        assertThatThrownBy(() -> Adagrad.builder().lrDecay(-0.1).build(params)).hasMessageContaining("Invalid lr_decay value: lr_decay = -0.1");
        assertThatThrownBy(() -> Adagrad.builder().weightDecay(-0.1).build(params)).hasMessageContaining("weight_decay = -0.1");
        assertThatThrownBy(() -> Adagrad.builder().initialAccumulatorValue(-1).build(params))
                .hasMessageContaining("initial_accumulator_value = -1.0");
        assertThatThrownBy(() -> Adagrad.builder().eps(-1e-10).build(params)).hasMessageContaining("Invalid epsilon value: eps = -1.0E-10");
    }
}
