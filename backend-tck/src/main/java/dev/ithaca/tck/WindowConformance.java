package dev.ithaca.tck;

import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.MaxPoolResult;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.tensor.Window2d;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.ithaca.tck.Approx.assertTensor;
import static dev.ithaca.tck.Approx.assertValues;
import static dev.ithaca.tck.Samples.floats;
import static dev.ithaca.tck.Samples.tensor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * im2col/col2im (convolution's building blocks) and max/avg pooling against direct loops over the
 * window, with stride, padding and dilation in both directions.
 */
public abstract class WindowConformance extends BackendConformanceTest {
    private static final long[] IMAGE = {2, 3, 7, 6};

    static Stream<Window2d> convolutionWindows() {
        return Stream.of(
                Window2d.of(3, 1, 1, 1),
                Window2d.of(2, 2),
                Window2d.of(1, 1),
                Window2d.of(3, 2, 2, 2),
                new Window2d(3, 2, 2, 1, 1, 0, 2, 1),
                new Window2d(1, 4, 1, 3, 0, 2, 1, 1));
    }

    /** Pooling needs padding of at most half the kernel, and average pooling no dilation. */
    static Stream<Window2d> poolingWindows() {
        return Stream.of(
                Window2d.of(2, 2),
                Window2d.of(3, 1, 1, 1),
                Window2d.of(3, 2, 1, 1),
                new Window2d(3, 2, 2, 1, 1, 1, 1, 1),
                new Window2d(2, 3, 1, 2, 1, 0, 1, 1));
    }

    static Stream<Window2d> dilatedPoolingWindows() {
        return Stream.of(Window2d.of(3, 2, 1, 2), new Window2d(2, 3, 1, 1, 0, 1, 2, 3));
    }

    @ParameterizedTest
    @MethodSource("convolutionWindows")
    void im2colMatchesTheDirectLoop(Window2d window) {
        double[] x = floats(1, (int) Samples.numel(IMAGE), -4, 4);
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor cols = tensor(dtype, x, IMAGE).im2col(window);
            long oh = Reference.outSize(IMAGE[2], window.kernelH(), window.strideH(), window.padH(), window.dilationH());
            long ow = Reference.outSize(IMAGE[3], window.kernelW(), window.strideW(), window.padW(), window.dilationW());
            assertTensor(cols, new long[] {2, 3L * window.kernelH() * window.kernelW(), oh * ow}, Reference.im2col(x, IMAGE, window));
        }
    }

    @ParameterizedTest
    @MethodSource("convolutionWindows")
    void col2imMatchesTheDirectLoop(Window2d window) {
        long oh = Reference.outSize(IMAGE[2], window.kernelH(), window.strideH(), window.padH(), window.dilationH());
        long ow = Reference.outSize(IMAGE[3], window.kernelW(), window.strideW(), window.padW(), window.dilationW());
        long[] colShape = {2, 3L * window.kernelH() * window.kernelW(), oh * ow};
        double[] cols = floats(2, (int) Samples.numel(colShape), -4, 4);
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            assertTensor(tensor(dtype, cols, colShape).col2im(window, IMAGE[2], IMAGE[3]), IMAGE,
                    Reference.col2im(cols, IMAGE, window));
        }
    }

    @Test
    void im2colReadsAStridedImage() {
        // channels-last storage [N, H, W, C] viewed as [N, C, H, W]
        long[] nhwc = {2, 7, 6, 3};
        double[] x = floats(3, 252, -4, 4);
        Tensor image = tensor(DType.FLOAT32, x, nhwc).permute(0, 3, 1, 2);
        Window2d window = Window2d.of(3, 2, 1, 1);
        assertTensor(image.im2col(window), new long[] {2, 27, 12}, Reference.im2col(Reference.permute(x, nhwc, 0, 3, 1, 2), IMAGE, window));
    }

    @Property(tries = 40)
    void col2imIsTheAdjointOfIm2col(@ForAll @IntRange(min = 1, max = 3) int kernel, @ForAll @IntRange(min = 1, max = 3) int stride,
                                     @ForAll @IntRange(min = 0, max = 2) int pad, @ForAll @IntRange(min = 1, max = 2) int dilation) {
        // <im2col(x), y> = <x, col2im(y)> for every x and y: col2im scatters exactly where im2col gathers
        Window2d window = Window2d.of(kernel, stride, pad, dilation);
        long[] shape = {1, 2, 6, 5};
        Tensor x = tensor(DType.FLOAT64, floats(4, 60, -1, 1), shape);
        Tensor cols = x.im2col(window);
        Tensor y = tensor(DType.FLOAT64, floats(5, (int) cols.numel(), -1, 1), cols.shape());
        double left = cols.mul(y).sum().item();
        double right = x.mul(y.col2im(window, 6, 5)).sum().item();
        assertThat(left).isCloseTo(right, org.assertj.core.data.Offset.offset(1e-10));
    }

    @ParameterizedTest
    @MethodSource({"poolingWindows", "dilatedPoolingWindows"})
    void maxPoolMatchesTheDirectLoopIncludingIndices(Window2d window) {
        long[] shape = {2, 3, 8, 7};
        double[] x = floats(6, 336, -4, 4);
        double[][] expected = Reference.maxPool2d(x, shape, window);
        try (MaxPoolResult result = tensor(DType.FLOAT32, x, shape).maxPool2dWithIndices(window)) {
            long[] outShape = {2, 3, Reference.outSize(8, window.kernelH(), window.strideH(), window.padH(), window.dilationH()),
                    Reference.outSize(7, window.kernelW(), window.strideW(), window.padW(), window.dilationW())};
            assertTensor(result.values(), outShape, expected[0]);
            assertThat(result.indices().dtype()).isEqualTo(DType.INT64);
            assertThat(result.indices().toDoubleArray()).containsExactly(expected[1]);
        }
        assertValues(tensor(DType.FLOAT64, x, shape).maxPool2d(window), expected[0]);
    }

    @Test
    void maxPoolNeverPicksPaddingAndTakesTheFirstOfTies() {
        // all values negative: a zero-padded implementation would return 0 at the border
        Tensor negative = Tensor.full(-5, 1, 1, 3, 3);
        try (MaxPoolResult r = negative.maxPool2dWithIndices(Window2d.of(3, 1, 1, 1))) {
            assertThat(r.values().toFloatArray()).containsOnly(-5f);
            // every window's first real cell (row-major) wins the tie
            assertThat(r.indices().toLongArray()).containsExactly(0, 0, 1, 0, 0, 1, 3, 3, 4);
        }
    }

    @Test
    void maxPoolPropagatesNan() {
        Tensor x = Tensor.of(new float[] {1, Float.NaN, 3, 4}, 1, 1, 2, 2);
        try (MaxPoolResult r = x.maxPool2dWithIndices(Window2d.of(2, 2))) {
            assertValues(r.values(), Double.NaN);
            assertThat(r.indices().toLongArray()).containsExactly(1);
        }
    }

    @ParameterizedTest
    @MethodSource("poolingWindows")
    void avgPoolMatchesTheDirectLoopWithAndWithoutPaddingInTheCount(Window2d window) {
        long[] shape = {2, 3, 8, 7};
        double[] x = floats(7, 336, -4, 4);
        for (boolean countIncludePad : new boolean[] {true, false}) {
            Tensor out = tensor(DType.FLOAT32, x, shape).avgPool2d(window, countIncludePad);
            assertThat(out.shape()).containsExactly(2, 3, Reference.outSize(8, window.kernelH(), window.strideH(), window.padH(), 1),
                    Reference.outSize(7, window.kernelW(), window.strideW(), window.padW(), 1));
            assertValues(out, Reference.avgPool2d(x, shape, window, countIncludePad));
        }
    }

    @Test
    void avgPoolCountIncludePadChangesOnlyBorderCells() {
        Tensor ones = Tensor.ones(DType.FLOAT64, 1, 1, 3, 3);
        Window2d window = Window2d.of(3, 1, 1, 1);
        // with padding counted, a corner window sees 4 ones out of 9 cells; without, 4 out of 4
        assertValues(ones.avgPool2d(window, true), 4 / 9.0, 6 / 9.0, 4 / 9.0, 6 / 9.0, 1, 6 / 9.0, 4 / 9.0, 6 / 9.0, 4 / 9.0);
        assertValues(ones.avgPool2d(window, false), 1, 1, 1, 1, 1, 1, 1, 1, 1);
    }

    @Test
    void poolingReadsAStridedInput() {
        long[] nhwc = {2, 8, 7, 3};
        double[] x = floats(8, 336, -4, 4);
        Tensor image = tensor(DType.FLOAT32, x, nhwc).permute(0, 3, 1, 2);
        double[] nchw = Reference.permute(x, nhwc, 0, 3, 1, 2);
        long[] shape = {2, 3, 8, 7};
        Window2d window = Window2d.of(3, 2, 1, 1);
        assertValues(image.maxPool2d(window), Reference.maxPool2d(nchw, shape, window)[0]);
        assertValues(image.avgPool2d(window, false), Reference.avgPool2d(nchw, shape, window, false));
    }

    @Test
    void manyPlanesAreSplitCorrectly() {
        long[] shape = {8, 32, 10, 10};
        double[] x = floats(9, 25_600, -4, 4);
        Tensor image = tensor(DType.FLOAT32, x, shape);
        Window2d window = Window2d.of(2, 2);
        assertValues(image.maxPool2d(window), Reference.maxPool2d(x, shape, window)[0]);
        assertValues(image.avgPool2d(window, true), Reference.avgPool2d(x, shape, window, true));
        assertValues(image.im2col(Window2d.of(3, 1, 1, 1)), Reference.im2col(x, shape, Window2d.of(3, 1, 1, 1)));
    }
}
