package dev.ithaca.tck;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.memory.Scope;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tape's behaviour: accumulation, graph shapes, no-grad, detach, in-place safety and memory. */
public abstract class AutogradEngineConformance extends BackendConformanceTest {

    private static Tensor leaf(double... values) {
        return Tensor.of(values).requiresGrad(true);
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilCleared() {
        Tensor x = leaf(1, 2, 3);
        x.mul(2).sum().backward();
        x.mul(3).sum().backward();
        Approx.assertValues(x.grad(), 5, 5, 5);
        x.zeroGrad();
        assertThat(x.grad()).isNull();
    }

    @Test
    void aTensorUsedTwiceReceivesBothContributions() {
        Tensor x = leaf(3);
        Tensor y = x.mul(x).add(x.exp());
        y.backward();
        Approx.assertValues(x.grad(), 6 + Math.exp(3));
    }

    @Test
    void diamondGraphsSumBothPaths() {
        Tensor x = leaf(2);
        Tensor h = x.mul(3);
        h.tanh().add(h.square()).backward();
        double t = Math.tanh(6);
        Approx.assertValues(x.grad(), 3 * (1 - t * t) + 2 * 6 * 3);
    }

    @Test
    void leavesFedByOneGradientOwnSeparateMemory() {
        // add sends one gradient tensor to both leaves: each must get its own copy to accumulate into
        Tensor a = leaf(1, 2);
        Tensor b = leaf(3, 4);
        a.add(b).sum().backward();
        a.add(b).sum().backward();
        Approx.assertValues(a.grad(), 2, 2);
        Approx.assertValues(b.grad(), 2, 2);
        try (dev.ithaca.autograd.NoGrad ignored = dev.ithaca.autograd.NoGrad.enter()) {
            a.grad().fill(7);
        }
        Approx.assertValues(b.grad(), 2, 2);
    }

    @Test
    void theCallersRootGradientIsNeverAdoptedByALeaf() {
        Tensor x = leaf(1, 2);
        Tensor seed = Tensor.of(new double[] {5, 6});
        x.alias().backward(seed);
        try (dev.ithaca.autograd.NoGrad ignored = dev.ithaca.autograd.NoGrad.enter()) {
            seed.fill(0);
        }
        Approx.assertValues(x.grad(), 5, 6);
        assertThat(seed.isClosed()).isFalse();
    }

    @Test
    void resultsRecordTheirOpAndLeavesDoNot() {
        Tensor x = leaf(1, 2);
        Tensor y = x.mul(2);
        assertThat(x.isLeaf()).isTrue();
        assertThat(y.isLeaf()).isFalse();
        assertThat(y.gradFn().name()).isEqualTo("MulBackward");
        assertThat(y.requiresGrad()).isTrue();
        assertThat(Tensor.of(new double[] {1}).mul(2).requiresGrad()).isFalse();
    }

    @Test
    void noGradRecordsNothing() {
        Tensor x = leaf(1, 2);
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor y = x.mul(2);
            assertThat(y.requiresGrad()).isFalse();
            assertThat(y.gradFn()).isNull();
        }
        assertThat(x.mul(2).requiresGrad()).isTrue();
    }

    @Test
    void detachCutsTheGraph() {
        Tensor x = leaf(2);
        Tensor y = x.mul(x.detach());
        y.backward();
        Approx.assertValues(x.grad(), 2);
    }

    @Test
    void castsAndIntegerResultsHandleGradientsLikePyTorch() {
        Tensor x = leaf(1.5, 2.5);
        x.to(DType.FLOAT32).sum().backward();
        assertThat(x.grad().dtype()).isEqualTo(DType.FLOAT64);
        Approx.assertValues(x.grad(), 1, 1);
        assertThat(x.argmax().requiresGrad()).isFalse();
        assertThat(x.gt(0).requiresGrad()).isFalse();
    }

    @Test
    void onlyFloatingLeavesMayRequireGrad() {
        assertThatThrownBy(() -> Tensor.of(new long[] {1}).requiresGrad(true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INT64");
        Tensor y = leaf(1).mul(2);
        assertThatThrownBy(() -> y.requiresGrad(false)).hasMessageContaining("only leaf tensors").hasMessageContaining("MulBackward");
    }

    @Test
    void backwardNeedsAScalarOrAnExplicitGradient() {
        Tensor y = leaf(1, 2).mul(2);
        assertThatThrownBy(y::backward).hasMessageContaining("shape [2]");
        y.backward(Tensor.of(new double[] {1, 10}));
        assertThatThrownBy(() -> Tensor.of(new double[] {1}).backward()).hasMessageContaining("does not require grad");
    }

    @Test
    void inPlaceWritesToTrackedTensorsAreRefusedOutsideNoGrad() {
        Tensor x = leaf(1, 2);
        assertThatThrownBy(() -> x.fill(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("requires grad");
        try (NoGrad ignored = NoGrad.enter()) {
            x.fill(0);
        }
        Approx.assertValues(x, 0, 0);
    }

    @Test
    void modifyingASavedTensorBeforeBackwardIsAClearError() {
        Tensor x = leaf(1, 2);
        Tensor w = Tensor.of(new double[] {3, 4});
        Tensor y = x.mul(w).sum();
        w.fill(0);
        assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class).hasMessageContaining("modified in place");
    }

    @Test
    void backwardRunsOncePerGraph() {
        Tensor x = leaf(1, 2);
        Tensor y = x.exp().sum();
        y.backward();
        assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class).hasMessageContaining("only once");
    }

    @Test
    void leafGradientsOutliveTheScopeOfTheStep() {
        Tensor x = leaf(1, 2);
        try (Scope step = Scope.open()) {
            x.mul(x).sum().backward();
        }
        Approx.assertValues(x.grad(), 2, 4);
    }

    @Test
    void stepsInsideScopesReturnMemoryToTheStartingValue() {
        Tensor w = leaf(0.5, -0.5, 0.25, 1).reshape(2, 2).detach().requiresGrad(true);
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        runStep(w, x);
        long before = settledLiveBytes();
        for (int i = 0; i < 200; i++) {
            runStep(w, x);
        }
        assertThat(backend().memoryStats().liveBytes()).isEqualTo(before);
    }

    /**
     * Live bytes once the Cleaner has freed what earlier tests dropped: otherwise it can free them
     * during the loop and the count falls below the starting value for reasons unrelated to the steps.
     */
    private long settledLiveBytes() {
        long previous = -1;
        long current = backend().memoryStats().liveBytes();
        for (int attempt = 0; attempt < 50 && current != previous; attempt++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            previous = current;
            current = backend().memoryStats().liveBytes();
        }
        return current;
    }

    private static void runStep(Tensor w, Tensor x) {
        try (Scope step = Scope.open()) {
            w.zeroGrad();
            x.matmul(w).relu().softmax(1).log().mean().backward();
        }
    }
}
