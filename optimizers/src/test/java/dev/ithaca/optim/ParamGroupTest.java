package dev.ithaca.optim;

import dev.ithaca.nn.Parameter;
import dev.ithaca.optim.Reference.Precision;
import dev.ithaca.tensor.DType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParamGroupTest extends CpuTestBase {

    @Test
    void eachGroupFollowsItsOwnHyperparameters() {
        Parameter a = param("a", DType.FLOAT32, new double[] {1, -2, 3}, 3);
        Parameter b = param("b", DType.FLOAT32, new double[] {0.5, 0.25}, 2);
        AdamW adamw = own(AdamW.builder().lr(0.1).weightDecay(0).build(List.of(a)));
        adamw.addParamGroup(List.of(b), Map.of("lr", 0.02, "weightDecay", 0.3, "betas", List.of(0.5, 0.9), "amsgrad", true));

        Reference.Optimizer refA = new Reference.Adam(0.1, 0.9, 0.999, 1e-8, 0, false, false, true).create(Precision.FLOAT32);
        Reference.Optimizer refB = new Reference.Adam(0.02, 0.5, 0.9, 1e-8, 0.3, true, false, true).create(Precision.FLOAT32);
        double[] expectedA = values(a);
        double[] expectedB = values(b);
        for (int step = 1; step <= 10; step++) {
            double[] ga = OptimizerTrajectoryTest.grad(step, 0, 3, Precision.FLOAT32);
            double[] gb = OptimizerTrajectoryTest.grad(step, 1, 2, Precision.FLOAT32);
            a.setGrad(tensor(DType.FLOAT32, ga, 3));
            b.setGrad(tensor(DType.FLOAT32, gb, 2));
            adamw.step();
            refA.step(expectedA, ga);
            refB.step(expectedB, gb);
            OptimizerTrajectoryTest.assertClose("group 0 step " + step, values(a), expectedA, Precision.FLOAT32);
            OptimizerTrajectoryTest.assertClose("group 1 step " + step, values(b), expectedB, Precision.FLOAT32);
        }
    }

    @Test
    void learningRatesArePerGroup() {
        Parameter a = param("a", DType.FLOAT32, new double[] {1}, 1);
        Parameter b = param("b", DType.FLOAT32, new double[] {1}, 1);
        SGD sgd = own(SGD.builder().lr(0.1).build(List.of(a)));
        sgd.addParamGroup(List.of(b), Map.of("lr", 0.01));
        assertThat(sgd.groupCount()).isEqualTo(2);
        assertThat(sgd.learningRate()).isEqualTo(0.1);
        assertThat(sgd.learningRate(1)).isEqualTo(0.01);

        sgd.setLearningRate(1, 0.2);
        assertThat(sgd.learningRate(0)).isEqualTo(0.1);
        assertThat(sgd.paramGroup(1).lr()).isEqualTo(0.2);

        sgd.setLearningRate(0.5);
        assertThat(sgd.learningRate(0)).isEqualTo(0.5);
        assertThat(sgd.learningRate(1)).isEqualTo(0.5);

        a.setGrad(tensor(DType.FLOAT32, new double[] {1}, 1));
        b.setGrad(tensor(DType.FLOAT32, new double[] {2}, 1));
        sgd.setLearningRate(1, 0.25);
        sgd.step();
        assertThat(a.toFloatArray()).containsExactly(0.5f);
        assertThat(b.toFloatArray()).containsExactly(0.5f);
    }

    @Test
    void schedulersMaySetAnyFiniteLearningRateAsInPyTorch() {
        Parameter a = param("a", DType.FLOAT32, new double[] {1}, 1);
        SGD sgd = own(SGD.builder().lr(0.1).build(List.of(a)));
        // OneCycleLR's linear anneal reaches a slightly negative lr on its last allowed step
        sgd.setLearningRate(-0.0014);
        assertThat(sgd.learningRate()).isEqualTo(-0.0014);
    }

    @Test
    void optionsChangeOnlyThroughValidation() {
        Parameter a = param("a", DType.FLOAT32, new double[] {1}, 1);
        Adam adam = own(Adam.builder().build(List.of(a)));
        ParamGroup group = adam.paramGroup(0);
        adam.setOption(0, "weightDecay", 0.1);
        adam.setOption(0, "betas", new double[] {0.8, 0.9});
        assertThat(group.getDouble("weight_decay")).as("views see later changes").isEqualTo(0.1);
        assertThat(group.getDouble("betas", 0)).isEqualTo(0.8);

        assertThatThrownBy(() -> adam.setOption(0, "betas", List.of(0.9, 1.0))).hasMessageContaining("betas[1] = 1.0");
        assertThatThrownBy(() -> adam.setOption(0, "lr", -0.1)).hasMessageContaining("lr = -0.1");
        assertThatThrownBy(() -> adam.setLearningRate(Double.NaN)).hasMessageContaining("must be finite, got NaN");
        assertThatThrownBy(() -> adam.setOption(0, "momentum", 0.9))
                .hasMessageContaining("unknown option 'momentum'").hasMessageContaining("betas");
        assertThatThrownBy(() -> adam.setOption(0, "amsgrad", 1)).hasMessageContaining("'amsgrad' must be true or false, got 1");
        assertThatThrownBy(() -> adam.setOption(0, "betas", List.of(0.9))).hasMessageContaining("must be a pair of numbers");
        assertThatThrownBy(() -> adam.setOption(3, "lr", 0.1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> group.options().put("lr", 1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(group.getDouble("betas", 1)).isEqualTo(0.9);
    }

    @Test
    void refusesDuplicateAndInvalidGroups() {
        Parameter a = param("a", DType.FLOAT32, new double[] {1}, 1);
        Parameter b = param("b", DType.FLOAT32, new double[] {1}, 1);
        SGD sgd = own(SGD.builder().build(List.of(a)));
        assertThatThrownBy(() -> sgd.addParamGroup(List.of(b, a)))
                .hasMessageContaining("some parameters appear in more than one parameter group").hasMessageContaining("'a'");
        assertThatThrownBy(() -> SGD.builder().build(List.of(b, b))).hasMessageContaining("'b'");
        assertThatThrownBy(() -> sgd.addParamGroup(List.of(b), Map.of("nesterov", true)))
                .hasMessageContaining("Nesterov momentum requires a momentum");
        assertThat(sgd.groupCount()).isEqualTo(1);
        sgd.addParamGroup(List.of(b), Map.of("momentum", 0.9, "nesterov", true));
        assertThat(sgd.paramGroup(1).params()).containsExactly(b);
        assertThat(sgd.paramGroup(1).getBoolean("nesterov")).isTrue();
        assertThat(sgd.paramGroup(1).lr()).isEqualTo(sgd.defaults().get("lr"));
    }
}
