package dev.ithaca.optim;

import dev.ithaca.nn.Parameter;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * State values that fall below the smallest normal number are stored as zero by default, and kept
 * exactly as PyTorch computes them with {@code flushDenormals(false)}.
 */
class DenormalFlushTest extends CpuTestBase {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> state(BaseOptimizer optimizer) {
        return ((Map<Integer, Map<String, Object>>) optimizer.stateDict().get("state")).get(0);
    }

    private static float[] floats(Map<String, Object> state, String name) {
        return ((Tensor) state.get(name)).toFloatArray();
    }

    /** Steps once over gradient [1e-38, 1e-20, 1] (float): both Adam moments of the first two go subnormal. */
    private Map<String, Object> adamState(boolean flush) {
        Parameter w = param("w", DType.FLOAT32, new double[] {1, 1, 1}, 3);
        Adam adam = own(Adam.builder().lr(0.01).flushDenormals(flush).build(List.of(w)));
        w.setGrad(Tensor.of(new float[] {1e-38f, 1e-20f, 1f}, 3));
        adam.step();
        return state(adam);
    }

    @Test
    void adamFlushesSubnormalMomentsByDefault() {
        Map<String, Object> state = adamState(true);
        float[] m = floats(state, "exp_avg");
        float[] v = floats(state, "exp_avg_sq");
        assertThat(m[0]).isZero();
        assertThat(v[1]).isZero();
        assertThat(m[1]).isEqualTo(1e-20f * (float) (1 - 0.9));
        assertThat(m[2]).isEqualTo((float) (1 - 0.9));
        assertThat(v[2]).isEqualTo((float) (1 - 0.999));
    }

    @Test
    void adamKeepsPyTorchsSubnormalsWhenFlushingIsOff() {
        Map<String, Object> state = adamState(false);
        float w = (float) (1 - 0.9);
        float expectedM0 = 0f + w * (1e-38f - 0f);
        float expectedV1 = 0f * (float) 0.999 + (float) (1 - 0.999) * 1e-20f * 1e-20f;
        assertThat(expectedM0).isNotZero().isLessThan(Float.MIN_NORMAL);
        assertThat(expectedV1).isNotZero().isLessThan(Float.MIN_NORMAL);
        assertThat(floats(state, "exp_avg")[0]).isEqualTo(expectedM0);
        assertThat(floats(state, "exp_avg_sq")[1]).isEqualTo(expectedV1);
    }

    @Test
    void sgdMomentumBufferDecaysToZeroInsteadOfSubnormals() {
        for (boolean flush : new boolean[] {true, false}) {
            Parameter w = param("w", DType.FLOAT32, new double[] {1}, 1);
            SGD sgd = own(SGD.builder().lr(0.1).momentum(0.5).flushDenormals(flush).build(List.of(w)));
            w.setGrad(Tensor.of(new float[] {2e-38f}, 1));
            sgd.step();
            w.setGrad(Tensor.of(new float[] {0f}, 1));
            sgd.step();
            float buffer = floats(state(sgd), "momentum_buffer")[0];
            if (flush) {
                assertThat(buffer).isZero();
            } else {
                assertThat(buffer).isEqualTo(2e-38f * 0.5f).isLessThan(Float.MIN_NORMAL);
            }
        }
    }

    @Test
    void everyAlgorithmFlushesItsState() {
        List<Function<Boolean, OptimizerBuilder<?, ?>>> builders = List.of(
                flush -> SGD.builder().momentum(0.9).flushDenormals(flush),
                flush -> Adam.builder().amsgrad(true).flushDenormals(flush),
                flush -> AdamW.builder().flushDenormals(flush),
                flush -> RMSprop.builder().centered(true).momentum(0.5).flushDenormals(flush),
                flush -> Adagrad.builder().flushDenormals(flush));
        // magnitudes whose moments, squares and averages land on both sides of Float.MIN_NORMAL
        float[] grad = {1e-39f, 1e-38f, 2e-38f, 1e-30f, 1e-24f, 1e-21f, 1e-20f, 1e-19f, 1e-18f, 1e-15f};
        for (Function<Boolean, OptimizerBuilder<?, ?>> builder : builders) {
            for (boolean flush : new boolean[] {true, false}) {
                Parameter w = param("w", DType.FLOAT32, new double[grad.length], grad.length);
                BaseOptimizer optimizer = own(builder.apply(flush).build(List.of(w)));
                int subnormals = 0;
                for (int step = 0; step < 3; step++) {
                    w.setGrad(Tensor.of(grad.clone(), grad.length));
                    optimizer.step();
                    for (Object value : state(optimizer).values()) {
                        if (value instanceof Tensor t) {
                            for (float x : t.toFloatArray()) {
                                subnormals += x != 0 && Math.abs(x) < Float.MIN_NORMAL ? 1 : 0;
                            }
                        }
                    }
                }
                if (flush) {
                    assertThat(subnormals).as("%s subnormal state values with flushing", optimizer.name()).isZero();
                } else {
                    assertThat(subnormals).as("%s subnormal state values without flushing", optimizer.name()).isPositive();
                }
            }
        }
    }

    @Test
    void float64FlushesBelowDoubleMinNormal() {
        Parameter w = param("w", DType.FLOAT64, new double[] {1, 1}, 2);
        Adagrad flushing = own(Adagrad.builder().build(List.of(w)));
        w.setGrad(Tensor.of(new double[] {1e-160, 1e-150}, 2));
        flushing.step();
        double[] sum = ((Tensor) state(flushing).get("sum")).toDoubleArray();
        assertThat(sum[0]).isZero();
        assertThat(sum[1]).isEqualTo(1e-150 * 1e-150).isGreaterThan(Double.MIN_NORMAL);

        Parameter v = param("v", DType.FLOAT64, new double[] {1}, 1);
        Adagrad exact = own(Adagrad.builder().flushDenormals(false).build(List.of(v)));
        v.setGrad(Tensor.of(new double[] {1e-160}, 1));
        exact.step();
        assertThat(((Tensor) state(exact).get("sum")).toDoubleArray()[0]).isEqualTo(1e-160 * 1e-160).isNotZero();
    }
}
