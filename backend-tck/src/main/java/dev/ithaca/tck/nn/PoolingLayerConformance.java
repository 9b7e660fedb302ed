package dev.ithaca.tck.nn;

import dev.ithaca.nn.AdaptiveAvgPool2d;
import dev.ithaca.nn.AvgPool2d;
import dev.ithaca.nn.Flatten;
import dev.ithaca.nn.MaxPool2d;
import dev.ithaca.tck.BackendConformanceTest;
import dev.ithaca.tck.GradCheck;
import dev.ithaca.tck.Reference;
import dev.ithaca.tck.Samples;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.tensor.Window2d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.ithaca.tck.Approx.assertTensor;
import static dev.ithaca.tck.Approx.assertValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** MaxPool2d, AvgPool2d, AdaptiveAvgPool2d and Flatten against direct loops over their windows. */
public abstract class PoolingLayerConformance extends BackendConformanceTest {
    private static final long[] IMAGE = {2, 3, 7, 6};

    /** Distinct values, so no window has a tie and max pooling's gradient is well defined. */
    private static double[] distinct(long seed, long... shape) {
        int n = (int) Samples.numel(shape);
        double[] values = Samples.floats(seed, n, -2, 2);
        for (int i = 0; i < n; i++) {
            values[i] += i * 1e-3;
        }
        return values;
    }

    @ParameterizedTest
    @CsvSource({"2, 2, 0, 1", "3, 1, 1, 1", "3, 2, 1, 1", "2, 1, 0, 2", "3, 2, 1, 2"})
    void maxPoolMatchesTheReference(int kernel, int stride, int padding, int dilation) {
        double[] x = distinct(1, IMAGE);
        MaxPool2d pool = new MaxPool2d(kernel, stride, padding, dilation);
        Window2d window = Window2d.of(kernel, stride, padding, dilation);
        long[] out = {2, 3, Reference.outSize(7, kernel, stride, padding, dilation), Reference.outSize(6, kernel, stride, padding, dilation)};
        assertTensor(pool.forward(Tensor.of(x, IMAGE)), out, Reference.maxPool2d(x, IMAGE, window)[0]);
    }

    @Test
    void maxPoolStrideDefaultsToTheKernel() {
        MaxPool2d pool = new MaxPool2d(2);
        assertThat(pool.window()).isEqualTo(Window2d.of(2, 2));
        double[] x = Samples.iota(16);
        assertTensor(pool.forward(Tensor.of(x, 1, 1, 4, 4)), new long[] {1, 1, 2, 2}, 5, 7, 13, 15);
    }

    @ParameterizedTest
    @CsvSource({"2, 2, 0, true", "3, 1, 1, true", "3, 1, 1, false", "3, 2, 1, false", "2, 1, 1, true"})
    void avgPoolMatchesTheReference(int kernel, int stride, int padding, boolean countIncludePad) {
        double[] x = Samples.floats(2, (int) Samples.numel(IMAGE), -2, 2);
        AvgPool2d pool = new AvgPool2d(kernel, stride, padding, countIncludePad);
        assertThat(pool.countIncludePad()).isEqualTo(countIncludePad);
        Window2d window = Window2d.of(kernel, stride, padding, 1);
        long[] out = {2, 3, Reference.outSize(7, kernel, stride, padding, 1), Reference.outSize(6, kernel, stride, padding, 1)};
        assertTensor(pool.forward(Tensor.of(x, IMAGE)), out, Reference.avgPool2d(x, IMAGE, window, countIncludePad));
    }

    @Test
    void countIncludePadChangesBorderCellsOnly() {
        Tensor ones = Tensor.ones(DType.FLOAT64, 1, 1, 3, 3);
        // a 3x3 window with padding 1 over ones: the corner sees 4 real cells of 9
        assertThat(new AvgPool2d(3, 1, 1, true).forward(ones).toDoubleArray()[0]).isCloseTo(4.0 / 9, within(1e-12));
        assertThat(new AvgPool2d(3, 1, 1, false).forward(ones).toDoubleArray()[0]).isCloseTo(1.0, within(1e-12));
        assertThat(new AvgPool2d(3, 1, 1, true).forward(ones).toDoubleArray()[4]).isCloseTo(1.0, within(1e-12));
    }

    @ParameterizedTest
    @CsvSource({"6, 6, 3, 3", "6, 4, 2, 1", "7, 5, 3, 2", "5, 7, 4, 3", "3, 3, 5, 4", "5, 5, 1, 1", "4, 6, 4, 6"})
    void adaptiveAvgPoolMatchesPyTorchWindows(int h, int w, int oh, int ow) {
        long[] shape = {2, 3, h, w};
        double[] x = Samples.floats(3, (int) Samples.numel(shape), -2, 2);
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor y = new AdaptiveAvgPool2d(oh, ow).forward(Samples.tensor(dtype, x, shape));
            assertThat(y.dtype()).isEqualTo(dtype);
            assertTensor(y, new long[] {2, 3, oh, ow}, NnReference.adaptiveAvgPool2d(x, shape, oh, ow));
        }
    }

    @Test
    void adaptiveAvgPoolToOneIsTheGlobalMean() {
        double[] x = Samples.floats(4, 2 * 20, -2, 2);
        Tensor y = new AdaptiveAvgPool2d(1).forward(Tensor.of(x, 1, 2, 4, 5));
        double first = 0;
        double second = 0;
        for (int i = 0; i < 20; i++) {
            first += x[i];
            second += x[20 + i];
        }
        assertTensor(y, new long[] {1, 2, 1, 1}, first / 20, second / 20);
    }

    @Test
    void flattenKeepsTheBatchByDefaultAndHonoursItsDims() {
        Tensor x = Tensor.zeros(2, 3, 4, 5);
        assertThat(new Flatten().forward(x).shape()).containsExactly(2, 60);
        assertThat(new Flatten(0, -1).forward(x).shape()).containsExactly(120);
        assertThat(new Flatten(1, 2).forward(x).shape()).containsExactly(2, 12, 5);
        assertThat(new Flatten(-2, -1).forward(x).shape()).containsExactly(2, 3, 20);
        double[] values = Samples.iota(120);
        assertValues(new Flatten().forward(Tensor.of(values, 2, 3, 4, 5)), values);
        assertThatThrownBy(() -> new Flatten(2, 1)).hasMessageContaining("startDim (2)").hasMessageContaining("endDim (1)");
    }

    @Test
    void rejectsBadArgumentsWithClearMessages() {
        assertThatThrownBy(() -> new MaxPool2d(0)).hasMessageContaining("kernelSize").hasMessageContaining("got 0");
        assertThatThrownBy(() -> new MaxPool2d(2, 0)).hasMessageContaining("stride").hasMessageContaining("got 0");
        assertThatThrownBy(() -> new MaxPool2d(2, 2, 2, 1)).hasMessageContaining("padding (2, 2)")
                .hasMessageContaining("half the kernel");
        assertThatThrownBy(() -> new MaxPool2d(3, 1, 1, 0)).hasMessageContaining("dilation").hasMessageContaining("got 0");
        assertThatThrownBy(() -> new AvgPool2d(3, 1, -1, true)).hasMessageContaining("padding").hasMessageContaining("-1");
        assertThatThrownBy(() -> new AvgPool2d(Window2d.of(3, 1, 1, 2), true)).hasMessageContaining("dilation must be 1");
        assertThatThrownBy(() -> new AdaptiveAvgPool2d(0, 2)).hasMessageContaining("outputH").hasMessageContaining("got 0");
        assertThatThrownBy(() -> new AdaptiveAvgPool2d(2, -3)).hasMessageContaining("outputW").hasMessageContaining("got -3");
        assertThatThrownBy(() -> new MaxPool2d(2).forward(Tensor.zeros(3, 4, 4))).hasMessageContaining("4-D");
        assertThatThrownBy(() -> new MaxPool2d(5).forward(Tensor.zeros(1, 1, 4, 4))).hasMessageContaining("[1, 1, 4, 4]");
    }

    @Test
    void toStringNamesTheArguments() {
        assertThat(new MaxPool2d(2)).hasToString("MaxPool2d(kernelSize=(2, 2), stride=(2, 2), padding=(0, 0), dilation=(1, 1))");
        assertThat(new AvgPool2d(3, 1, 1, false))
                .hasToString("AvgPool2d(kernelSize=(3, 3), stride=(1, 1), padding=(1, 1), countIncludePad=false)");
        assertThat(new AdaptiveAvgPool2d(2, 3)).hasToString("AdaptiveAvgPool2d(outputSize=(2, 3))");
        assertThat(new Flatten()).hasToString("Flatten(startDim=1, endDim=-1)");
    }

    @Test
    void rectangularWindowsPoolAsTheReference() {
        double[] x = distinct(6, IMAGE);
        Window2d window = new Window2d(2, 3, 2, 1, 1, 1, 1, 1);
        long[] out = {2, 3, Reference.outSize(7, 2, 2, 1, 1), Reference.outSize(6, 3, 1, 1, 1)};
        assertTensor(new MaxPool2d(window).forward(Tensor.of(x, IMAGE)), out, Reference.maxPool2d(x, IMAGE, window)[0]);
        assertTensor(new AvgPool2d(window, false).forward(Tensor.of(x, IMAGE)), out, Reference.avgPool2d(x, IMAGE, window, false));
        assertThatThrownBy(() -> new MaxPool2d(new Window2d(2, 3, 1, 1, 0, 2, 1, 1))).hasMessageContaining("padding (0, 2)");
    }

    @Test
    void flattenPassesGradientsFromAStridedInput() {
        // a transposed input cannot be viewed flat, so this goes through reshape's copying path
        GradCheck.check(args -> new Flatten().forward(args[0].transpose(1, 3)), NnSamples.doubles(6, 2, 3, 2, 2));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        long[] shape = {1, 2, 5, 4};
        Tensor x = Tensor.of(distinct(5, shape), shape);
        ModuleGradCheck.check(new MaxPool2d(2, 1), x);
        ModuleGradCheck.check(new MaxPool2d(3, 2, 1, 1), x);
        ModuleGradCheck.check(new MaxPool2d(2, 1, 0, 2), x);
        ModuleGradCheck.check(new AvgPool2d(2, 2), x);
        ModuleGradCheck.check(new AvgPool2d(3, 2, 1, false), x);
        ModuleGradCheck.check(new AvgPool2d(3, 1, 1, true), x);
        ModuleGradCheck.check(new AdaptiveAvgPool2d(5, 2), x);
        ModuleGradCheck.check(new AdaptiveAvgPool2d(3, 3), x);
        ModuleGradCheck.check(new Flatten(), x);
    }
}
