package dev.ithaca.optim;

import dev.ithaca.memory.Scope;
import dev.ithaca.nn.Parameter;
import dev.ithaca.optim.Reference.Precision;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How optimizers drive the fused backend update: layouts, threads, versions, memory ownership. */
class FusedUpdateTest extends CpuTestBase {

    @Test
    void largeParameterSplitAcrossThreadsMatchesReference() {
        int n = 300_001;
        Random random = new Random(3);
        double[] initial = OptimizerTrajectoryTest.uniform(random, n, -1, 1, Precision.FLOAT32);
        Parameter w = param("w", DType.FLOAT32, initial, n);
        AdamW adamw = own(AdamW.builder().lr(0.01).amsgrad(true).build(List.of(w)));
        Reference.Optimizer reference = new Reference.Adam(0.01, 0.9, 0.999, 1e-8, 1e-2, true, false, true).create(Precision.FLOAT32);
        double[] expected = initial.clone();
        for (int step = 1; step <= 3; step++) {
            double[] g = OptimizerTrajectoryTest.uniform(random, n, -1, 1, Precision.FLOAT32);
            w.setGrad(tensor(DType.FLOAT32, g, n));
            adamw.step();
            reference.step(expected, g);
            OptimizerTrajectoryTest.assertClose("step " + step, values(w), expected, Precision.FLOAT32);
        }
    }

    @Test
    void stridedParametersAndGradientsUpdateLikeContiguousOnes() {
        double[] data = OptimizerTrajectoryTest.uniform(new Random(5), 12, -1, 1, Precision.FLOAT32);
        Tensor base = tensor(DType.FLOAT32, data, 3, 4);
        Parameter transposed = own(Parameter.of("t", base.t()));
        Parameter contiguous = own(Parameter.of("c", base.t().contiguous()));
        RMSprop strided = own(RMSprop.builder().centered(true).momentum(0.3).build(List.of(transposed)));
        RMSprop dense = own(RMSprop.builder().centered(true).momentum(0.3).build(List.of(contiguous)));
        assertThat(transposed.isContiguous()).isFalse();
        for (int step = 1; step <= 5; step++) {
            Tensor grad = tensor(DType.FLOAT32, OptimizerTrajectoryTest.grad(step, 0, 12, Precision.FLOAT32), 3, 4).t();
            transposed.setGrad(grad);
            contiguous.setGrad(grad.contiguous());
            strided.step();
            dense.step();
            assertThat(transposed.toFloatArray()).containsExactly(contiguous.toFloatArray());
        }
        assertThat(base.toFloatArray()).as("the update wrote through the view").isEqualTo(transposed.t().toFloatArray());
    }

    @Test
    void skipsParametersWithoutGradients() {
        Parameter a = param("a", DType.FLOAT32, new double[] {1, 2}, 2);
        Parameter b = param("b", DType.FLOAT32, new double[] {3}, 1);
        Adam adam = own(Adam.builder().lr(0.1).build(List.of(a, b)));
        a.setGrad(tensor(DType.FLOAT32, new double[] {1, 1}, 2));
        adam.step();
        assertThat(b.toFloatArray()).containsExactly(3f);
        @SuppressWarnings("unchecked")
        Map<Integer, ?> state = (Map<Integer, ?>) adam.stateDict().get("state");
        assertThat(state).containsOnlyKeys(0);
    }

    @Test
    void bumpsTheVersionOfEveryTensorItWrites() {
        Parameter w = param("w", DType.FLOAT32, new double[] {1, 2}, 2);
        SGD sgd = own(SGD.builder().momentum(0.9).build(List.of(w)));
        w.setGrad(tensor(DType.FLOAT32, new double[] {1, 1}, 2));
        sgd.step();
        long param = w.strided().storage().version();
        Tensor buffer = sgd.state(w).buffer("momentum_buffer");
        long state = buffer.strided().storage().version();
        sgd.step();
        assertThat(w.strided().storage().version()).isGreaterThan(param);
        assertThat(buffer.strided().storage().version()).isGreaterThan(state);
    }

    @Test
    void autogradNoticesTheParameterChangedUnderASavedTensor() {
        Parameter w = param("w", DType.FLOAT32, new double[] {2}, 1);
        SGD sgd = own(SGD.builder().lr(0.1).build(List.of(w)));
        Tensor loss = w.mul(w).sum();
        w.setGrad(tensor(DType.FLOAT32, new double[] {1}, 1));
        sgd.step();
        assertThatThrownBy(loss::backward).isInstanceOf(IllegalStateException.class).hasMessageContaining("was modified");
    }

    @Test
    void stateSurvivesTheScopeItWasCreatedIn() {
        Parameter w = param("w", DType.FLOAT32, new double[] {1}, 1);
        Adam adam = own(Adam.builder().lr(0.1).build(List.of(w)));
        for (int step = 0; step < 3; step++) {
            try (Scope ignored = Scope.open()) {
                w.setGrad(Tensor.of(new float[] {1}, 1));
                adam.step();
                adam.zeroGrad();
            }
        }
        assertThat(adam.state(w).step()).isEqualTo(3);
        assertThat(adam.state(w).buffer("exp_avg").isClosed()).isFalse();
    }

    @Test
    void zeroGradClearsEveryGradientAndCloseFreesState() {
        Parameter a = param("a", DType.FLOAT32, new double[] {1}, 1);
        Parameter b = param("b", DType.FLOAT32, new double[] {1}, 1);
        Adam adam = Adam.builder().build(List.of(a));
        adam.addParamGroup(List.of(b));
        a.setGrad(tensor(DType.FLOAT32, new double[] {1}, 1));
        b.setGrad(tensor(DType.FLOAT32, new double[] {1}, 1));
        adam.step();
        adam.zeroGrad();
        assertThat(a.grad()).isNull();
        assertThat(b.grad()).isNull();
        Tensor expAvg = adam.state(a).buffer("exp_avg");
        adam.close();
        assertThat(expAvg.isClosed()).isTrue();
        assertThatThrownBy(adam::step).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
