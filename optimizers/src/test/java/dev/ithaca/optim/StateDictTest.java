package dev.ithaca.optim;

import dev.ithaca.nn.Parameter;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateDictTest extends CpuTestBase {

    private List<Parameter> threeParams() {
        return List.of(param("a", DType.FLOAT32, new double[] {1, 2, 3}, 3), param("b", DType.FLOAT32, new double[] {-1, 0.5}, 2),
                param("c", DType.FLOAT32, new double[] {4}, 1));
    }

    private static void grads(List<Parameter> params, int step) {
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            double[] g = OptimizerTrajectoryTest.grad(step, i, (int) p.numel(), Reference.Precision.FLOAT32);
            p.setGrad(tensor(DType.FLOAT32, g, p.shape()));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void hasPyTorchsLayoutWithIdsAcrossGroups() {
        List<Parameter> params = threeParams();
        Adam adam = own(Adam.builder().lr(0.01).amsgrad(true).build(params.subList(0, 2)));
        adam.addParamGroup(params.subList(2, 3), Map.of("lr", 0.5));
        grads(params, 1);
        params.get(1).zeroGrad();
        adam.step();

        Map<String, Object> dict = adam.stateDict();
        assertThat(dict).containsOnlyKeys("state", "param_groups");
        Map<Integer, Map<String, Object>> state = (Map<Integer, Map<String, Object>>) dict.get("state");
        assertThat(state).containsOnlyKeys(0, 2);
        assertThat(state.get(0)).containsOnlyKeys("step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq");
        assertThat(state.get(0).keySet()).first().isEqualTo("step");
        assertThat(state.get(0).get("step")).isEqualTo(1L);
        assertThat(((Tensor) state.get(2).get("exp_avg")).shape()).containsExactly(1);
        List<Map<String, Object>> groups = (List<Map<String, Object>>) dict.get("param_groups");
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0)).containsEntry("lr", 0.01).containsEntry("betas", List.of(0.9, 0.999))
                .containsEntry("amsgrad", true).containsEntry("params", List.of(0, 1));
        assertThat(groups.get(1)).containsEntry("lr", 0.5).containsEntry("params", List.of(2));
    }

    @Test
    @SuppressWarnings("unchecked")
    void isASnapshotThatLaterStepsDoNotChange() {
        List<Parameter> params = threeParams();
        SGD sgd = own(SGD.builder().lr(0.1).momentum(0.9).build(params));
        grads(params, 1);
        sgd.step();
        Map<String, Object> dict = sgd.stateDict();
        Tensor saved = (Tensor) ((Map<Integer, Map<String, Object>>) dict.get("state")).get(0).get("momentum_buffer");
        float[] before = saved.toFloatArray();
        grads(params, 2);
        sgd.step();
        assertThat(saved.toFloatArray()).containsExactly(before);
        saved.close();
        grads(params, 3);
        sgd.step();
    }

    @Test
    void restoresOptionsAndContinuesBitIdenticallyAfterAJsonLikeRoundTrip() {
        List<Parameter> original = threeParams();
        RMSprop running = own(RMSprop.builder().lr(0.01).momentum(0.5).centered(true).build(original));
        for (int step = 1; step <= 4; step++) {
            grads(original, step);
            running.step();
        }
        Map<String, Object> json = jsonLike(running.stateDict());

        List<Parameter> copies = new ArrayList<>();
        for (Parameter p : original) {
            copies.add(param(p.name() + "'", DType.FLOAT32, values(p), p.shape()));
        }
        RMSprop resumed = own(RMSprop.builder().lr(0.7).alpha(0.5).momentum(0.5).centered(true).build(copies));
        resumed.loadStateDict(json);
        assertThat(resumed.learningRate()).isEqualTo(0.01);
        assertThat(resumed.paramGroup(0).getDouble("alpha")).isEqualTo(0.99);
        for (int step = 5; step <= 12; step++) {
            grads(original, step);
            grads(copies, step);
            running.step();
            resumed.step();
            for (int i = 0; i < original.size(); i++) {
                assertThat(copies.get(i).toFloatArray()).containsExactly(original.get(i).toFloatArray());
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void convertsLoadedStateToTheParametersDtype() {
        Parameter w64 = param("w", DType.FLOAT64, new double[] {1, 2}, 2);
        Adagrad source = own(Adagrad.builder().build(List.of(w64)));
        w64.setGrad(tensor(DType.FLOAT64, new double[] {0.5, -1}, 2));
        source.step();
        Parameter w32 = param("w32", DType.FLOAT32, new double[] {1, 2}, 2);
        Adagrad target = own(Adagrad.builder().build(List.of(w32)));
        target.loadStateDict(source.stateDict());
        Map<String, Object> state = ((Map<Integer, Map<String, Object>>) target.stateDict().get("state")).get(0);
        assertThat(((Tensor) state.get("sum")).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(((Tensor) state.get("sum")).toFloatArray()).containsExactly(0.25f, 1f);
        assertThat(state.get("step")).isEqualTo(1L);
    }

    @Test
    void acceptsPyTorchStyleStepTensorsAndIgnoresPyTorchOnlyOptions() {
        Parameter w = param("w", DType.FLOAT32, new double[] {1}, 1);
        Adam adam = own(Adam.builder().build(List.of(w)));
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("lr", 0.25);
        group.put("foreach", false);
        group.put("params", List.of(0));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("step", Tensor.scalar(3));
        entry.put("exp_avg", tensor(DType.FLOAT32, new double[] {0.5}, 1));
        entry.put("exp_avg_sq", tensor(DType.FLOAT32, new double[] {0.25}, 1));
        adam.loadStateDict(Map.of("state", Map.of("0", entry), "param_groups", List.of(group)));
        assertThat(adam.learningRate()).isEqualTo(0.25);
        w.setGrad(tensor(DType.FLOAT32, new double[] {0}, 1));
        adam.step();
        @SuppressWarnings("unchecked")
        Map<String, Object> state = ((Map<Integer, Map<String, Object>>) adam.stateDict().get("state")).get(0);
        assertThat(state.get("step")).isEqualTo(4L);
    }

    @Test
    void refusesMismatchedStateAndChangesNothing() {
        List<Parameter> params = threeParams();
        SGD sgd = own(SGD.builder().lr(0.1).momentum(0.9).build(params));
        grads(params, 1);
        sgd.step();
        Map<String, Object> good = sgd.stateDict();

        SGD twoGroups = own(SGD.builder().momentum(0.9).build(params.subList(0, 1)));
        twoGroups.addParamGroup(params.subList(1, 3));
        assertThatThrownBy(() -> twoGroups.loadStateDict(good))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different number of parameter groups: 1")
                .hasMessageContaining("has 2");

        SGD fewer = own(SGD.builder().momentum(0.9).build(params.subList(0, 2)));
        assertThatThrownBy(() -> fewer.loadStateDict(good)).hasMessageContaining("doesn't match the size of optimizer's group")
                .hasMessageContaining("has 3 parameters");

        List<Parameter> reshaped = List.of(param("x", DType.FLOAT32, new double[] {1, 2}, 2), params.get(1), params.get(2));
        SGD wrongShape = own(SGD.builder().lr(0.3).momentum(0.9).build(reshaped));
        assertThatThrownBy(() -> wrongShape.loadStateDict(good)).hasMessageContaining("momentum_buffer has shape [3]")
                .hasMessageContaining("'x' has [2]");
        assertThat(wrongShape.learningRate()).as("options untouched after a failed load").isEqualTo(0.3);

        Map<String, Object> badOption = new LinkedHashMap<>(good);
        @SuppressWarnings("unchecked")
        Map<String, Object> group = new LinkedHashMap<>(((List<Map<String, Object>>) good.get("param_groups")).get(0));
        group.put("lr", -1.0);
        badOption.put("param_groups", List.of(group));
        assertThatThrownBy(() -> sgd.loadStateDict(badOption)).hasMessageContaining("lr = -1.0");
    }

    /** What a JSON round trip does to the plain data: string keys, integral numbers as Integer, lists stay lists. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonLike(Map<String, Object> dict) {
        Map<String, Object> state = new LinkedHashMap<>();
        ((Map<Integer, Map<String, Object>>) dict.get("state")).forEach((id, entry) -> {
            Map<String, Object> converted = new LinkedHashMap<>(entry);
            converted.put("step", ((Long) entry.get("step")).intValue());
            state.put(String.valueOf(id), converted);
        });
        List<Object> groups = new ArrayList<>();
        for (Map<String, Object> g : (List<Map<String, Object>>) dict.get("param_groups")) {
            Map<String, Object> converted = new LinkedHashMap<>(g);
            converted.put("weight_decay", 0);
            converted.put("params", ((List<Integer>) g.get("params")).stream().map(Integer::longValue).toList());
            groups.add(converted);
        }
        return Map.of("state", state, "param_groups", groups);
    }
}
