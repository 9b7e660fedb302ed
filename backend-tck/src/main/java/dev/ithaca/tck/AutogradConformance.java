package dev.ithaca.tck;

import dev.ithaca.random.Generator;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.tensor.Window2d;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * Finite-difference gradient checks in FLOAT64 for every differentiable op, including the
 * broadcasting, view and reduction paths gradients must travel back through.
 */
public abstract class AutogradConformance extends BackendConformanceTest {
    private final Generator generator = new Generator(2024);

    /** FLOAT64 values in [low, high) of the given shape. */
    private Tensor values(double low, double high, long... shape) {
        return Tensor.uniform(generator, low, high, DType.FLOAT64, shape);
    }

    @Test
    void gradCheckRejectsAGradientThatIsWrong() {
        // detach hides one factor from autograd, so the analytic gradient is x instead of 2x
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GradCheck.check(a -> a[0].detach().mul(a[0]), values(1, 2, 3)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("analytic");
    }

    @Test
    void unaryOpsMatchFiniteDifferences() {
        Tensor x = values(-2, 2, 3, 4);
        Tensor positive = values(0.5, 2, 3, 4);
        GradCheck.check(a -> a[0].neg(), x);
        GradCheck.check(a -> a[0].abs(), x);
        GradCheck.check(a -> a[0].exp(), x);
        GradCheck.check(a -> a[0].log(), positive);
        GradCheck.check(a -> a[0].sqrt(), positive);
        GradCheck.check(a -> a[0].rsqrt(), positive);
        GradCheck.check(a -> a[0].tanh(), x);
        GradCheck.check(a -> a[0].sigmoid(), x);
        GradCheck.check(a -> a[0].relu(), x);
        GradCheck.check(a -> a[0].gelu(), x);
        GradCheck.check(a -> a[0].geluTanh(), x);
        GradCheck.check(a -> a[0].silu(), x);
        GradCheck.check(a -> a[0].reciprocal(), positive);
        GradCheck.check(a -> a[0].square(), x);
        GradCheck.check(a -> a[0].clamp(-0.5, 0.7), x);
        GradCheck.check(a -> a[0].pow(3.0), x);
    }

    @Test
    void binaryOpsReduceBroadcastGradientsToEachInputShape() {
        Tensor a = values(-2, 2, 2, 3, 4);
        Tensor row = values(0.5, 2, 4);
        Tensor column = values(0.5, 2, 3, 1);
        GradCheck.check(t -> t[0].add(t[1]), a, row);
        GradCheck.check(t -> t[0].sub(t[1]), a, column);
        GradCheck.check(t -> t[0].mul(t[1]), a, row);
        GradCheck.check(t -> t[0].div(t[1]), a, column);
        GradCheck.check(t -> t[1].pow(t[0]), values(-1, 1, 3, 4), values(0.5, 2, 3, 4));
        GradCheck.check(t -> t[0].maximum(t[1]), a, row);
        GradCheck.check(t -> t[0].minimum(t[1]), a, column);
        GradCheck.check(t -> t[0].mul(2.5).add(1).div(3), a);
        GradCheck.check(t -> Tensor.where(t[0].gt(0), t[0], t[1]), values(-1, 1, 3, 4), row);
    }

    @Test
    void viewsPassGradientsBackToTheBaseLayout() {
        Tensor x = values(-1, 1, 2, 3, 4);
        GradCheck.check(t -> t[0].reshape(4, 6), x);
        GradCheck.check(t -> t[0].transpose(0, 2).reshape(-1), x);
        GradCheck.check(t -> t[0].transpose(0, 2).contiguous(), x);
        GradCheck.check(t -> t[0].permute(2, 0, 1).mul(t[0].permute(2, 0, 1)), x);
        GradCheck.check(t -> t[0].narrow(2, 1, 2), x);
        GradCheck.check(t -> t[0].slice(2, 0, 4, 2), x);
        GradCheck.check(t -> t[0].select(1, 2), x);
        GradCheck.check(t -> t[0].unsqueeze(1).expand(2, 5, 3, 4), x);
        GradCheck.check(t -> t[0].narrow(0, 0, 1).squeeze(0).flatten(), x);
        GradCheck.check(t -> Tensor.cat(List.of(t[0], t[1]), 1), x, values(-1, 1, 2, 1, 4));
        GradCheck.check(t -> Tensor.stack(List.of(t[0], t[1]), 0), values(-1, 1, 3), values(-1, 1, 3));
    }

    @Test
    void reductionsSpreadGradientsOverTheReducedElements() {
        Tensor x = values(-1, 1, 3, 4);
        GradCheck.check(t -> t[0].sum(), x);
        GradCheck.check(t -> t[0].sum(new int[] {0}, true), x);
        GradCheck.check(t -> t[0].mean(1), x);
        GradCheck.check(t -> t[0].max(1, false), x);
        GradCheck.check(t -> t[0].min(new int[] {0, 1}, false), x);
        GradCheck.check(t -> t[0].var(1, true), x);
        GradCheck.check(t -> t[0].var(new int[] {0}, 0, false), x);
        GradCheck.check(t -> t[0].prod(1, false), values(0.5, 1.5, 3, 4));
    }

    @Test
    void productGradientHandlesZeros() {
        Tensor oneZero = Tensor.of(new double[] {2, 0, 3, 1, 0, 0}, 2, 3);
        Tensor x = oneZero.clone().requiresGrad(true);
        x.prod(1, false).sum().backward();
        Approx.assertClose(x.grad().toDoubleArray(), new double[] {0, 6, 0, 0, 0, 0}, 1e-12);
    }

    @Test
    void matmulGradientsCoverBatchedBroadcastAndVectorCases() {
        GradCheck.check(t -> t[0].matmul(t[1]), values(-1, 1, 3, 4), values(-1, 1, 4, 2));
        GradCheck.check(t -> t[0].matmul(t[1]), values(-1, 1, 2, 3, 4), values(-1, 1, 4, 2));
        GradCheck.check(t -> t[0].matmul(t[1]), values(-1, 1, 4), values(-1, 1, 2, 4, 3));
        GradCheck.check(t -> t[0].matmul(t[1]), values(-1, 1, 3, 4), values(-1, 1, 4));
        GradCheck.check(t -> t[0].matmul(t[1].t()), values(-1, 1, 3, 4), values(-1, 1, 2, 4));
        GradCheck.check(t -> t[0].matmul(t[1]), values(-1, 1, 2, 3, 4), values(-1, 1, 4));
        GradCheck.check(t -> t[0].matmul(t[1].t()), values(-1, 1, 2, 3, 4), values(-1, 1, 5, 4));
    }

    @Test
    void softmaxGradientsAlongEveryDim() {
        Tensor x = values(-3, 3, 2, 3, 4);
        for (int dim = 0; dim < 3; dim++) {
            int d = dim;
            GradCheck.check(t -> t[0].softmax(d), x);
            GradCheck.check(t -> t[0].logSoftmax(d), x);
        }
    }

    @Test
    void indexingGradientsRouteToTheSelectedElements() {
        Tensor x = values(-1, 1, 3, 4);
        Tensor index = Tensor.of(new long[] {0, 2, 1, 2, 2, 0}, 3, 2);
        GradCheck.check(t -> t[0].gather(1, index), x);
        GradCheck.check(t -> t[0].indexSelect(0, Tensor.of(new long[] {2, 0, 2}, 3)), x);
        GradCheck.check(t -> t[0].scatterAdd(1, index, t[1]), x, values(-1, 1, 3, 2));
    }

    @Test
    void windowGradientsCoverConvolutionAndPoolingPrimitives() {
        Tensor image = values(-1, 1, 2, 2, 5, 5);
        Window2d conv = new Window2d(3, 2, 2, 1, 1, 0, 1, 2);
        GradCheck.check(t -> t[0].im2col(conv), image);
        GradCheck.check(t -> t[0].col2im(conv, 5, 5), values(-1, 1, 2, 12, 9));
        GradCheck.check(t -> t[0].maxPool2d(Window2d.of(2, 2, 1, 1)), image);
        GradCheck.check(t -> t[0].avgPool2d(Window2d.of(3, 2, 1, 1), true), image);
        GradCheck.check(t -> t[0].avgPool2d(Window2d.of(3, 2, 1, 1), false), image);
    }
}
