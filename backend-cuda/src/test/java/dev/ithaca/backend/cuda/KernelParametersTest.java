package dev.ithaca.backend.cuda;

import dev.ithaca.random.Distribution;
import dev.ithaca.spi.OptimizerUpdate;
import dev.ithaca.spi.Strided;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Window2d;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The structs and scalars the host computes for the kernels: optimizer hyperparameters derived as
 * the CPU backend derives them, Philox parameters, fill bits, window and reduction layouts.
 */
class KernelParametersTest {

    private static double scalar(long[] words, int i) {
        return Double.longBitsToDouble(words[2 + i]);
    }

    @Test
    void adamWIsDecoupledDecayWithItsDerivedScalars() {
        OptimizerUpdate.Adam u = new OptimizerUpdate.Adam(1e-3, 0.9, 0.999, 1e-8, 1e-2, true, false, false, 3, true);
        long[] words = OptimizerKernels.parameters(u);
        assertThat(words).hasSize(OptimizerKernels.WORDS);
        assertThat(words[0]).isEqualTo(1);
        assertThat(words[1]).isEqualTo(OptimizerKernels.FLAG_DECOUPLED | OptimizerKernels.FLAG_FLUSH);
        assertThat(scalar(words, 0)).isEqualTo(u.paramScale());
        assertThat(scalar(words, 2)).isEqualTo(1 - 0.9);
        assertThat(scalar(words, 4)).isEqualTo(1 - 0.999);
        assertThat(scalar(words, 5)).isEqualTo(u.biasCorrection2Sqrt());
        assertThat(scalar(words, 7)).isEqualTo(-u.stepSize());
    }

    @Test
    void adamWithCoupledDecayAmsgradAndMaximize() {
        long[] words = OptimizerKernels.parameters(new OptimizerUpdate.Adam(0.1, 0.8, 0.9, 1e-6, 0.5, false, true, true, 1, false));
        assertThat(words[1]).isEqualTo(OptimizerKernels.FLAG_DECAY | OptimizerKernels.FLAG_AMSGRAD | OptimizerKernels.FLAG_MAXIMIZE);
        assertThat(scalar(words, 1)).isEqualTo(0.5);
        assertThat(scalar(words, 6)).isEqualTo(1e-6);
    }

    @Test
    void sgdFlagsFollowTheMomentumSettings() {
        long[] plain = OptimizerKernels.parameters(new OptimizerUpdate.Sgd(0.1, 0, 0, 0, false, false, true, true));
        assertThat(plain[0]).isZero();
        assertThat(plain[1]).as("first step means nothing without momentum, but is passed as given")
                .isEqualTo(OptimizerKernels.FLAG_FIRST_STEP | OptimizerKernels.FLAG_FLUSH);
        assertThat(scalar(plain, 3)).isEqualTo(-0.1);
        long[] nesterov = OptimizerKernels.parameters(new OptimizerUpdate.Sgd(0.1, 0.9, 0.25, 1e-4, true, false, false, false));
        assertThat(nesterov[1]).isEqualTo(OptimizerKernels.FLAG_MOMENTUM | OptimizerKernels.FLAG_NESTEROV | OptimizerKernels.FLAG_DECAY);
        assertThat(scalar(nesterov, 2)).isEqualTo(0.75);
    }

    @Test
    void rmspropAndAdagradScalars() {
        long[] rms = OptimizerKernels.parameters(new OptimizerUpdate.RmsProp(0.01, 0.99, 1e-8, 0, 0.9, true, false, true));
        assertThat(rms[0]).isEqualTo(2);
        assertThat(rms[1]).isEqualTo(OptimizerKernels.FLAG_CENTERED | OptimizerKernels.FLAG_MOMENTUM | OptimizerKernels.FLAG_FLUSH);
        assertThat(scalar(rms, 2)).isEqualTo(1 - 0.99);
        assertThat(scalar(rms, 5)).isEqualTo(-0.01);
        OptimizerUpdate.Adagrad ada = new OptimizerUpdate.Adagrad(0.01, 0.1, 0.2, 1e-10, 5, true, false);
        long[] adagrad = OptimizerKernels.parameters(ada);
        assertThat(adagrad[0]).isEqualTo(3);
        assertThat(adagrad[1]).isEqualTo(OptimizerKernels.FLAG_DECAY | OptimizerKernels.FLAG_MAXIMIZE);
        assertThat(scalar(adagrad, 2)).isEqualTo(-ada.clr());
    }

    @Test
    void philoxParametersCarryTheCpuSamplersConstants() {
        long[] uniform = RandomKernel.parameters(new Distribution.Uniform(1, 1 + 1e-7));
        assertThat(uniform[0]).isZero();
        assertThat(Double.longBitsToDouble(uniform[4])).isEqualTo((1 + 1e-7) - 1);
        assertThat(Double.longBitsToDouble(uniform[6])).isEqualTo(Math.nextDown((float) (1 + 1e-7)));
        long[] normal = RandomKernel.parameters(new Distribution.Normal(2, 3));
        assertThat(normal[0]).isEqualTo(1);
        assertThat(Double.longBitsToDouble(normal[3])).isEqualTo(2);
        assertThat(Double.longBitsToDouble(normal[4])).isEqualTo(3);
        long[] wide = RandomKernel.parameters(new Distribution.Integers(Long.MIN_VALUE, Long.MAX_VALUE));
        assertThat(wide[0]).isEqualTo(2);
        assertThat(wide[1]).isEqualTo(Long.MIN_VALUE);
        assertThat(wide[2]).as("the range read unsigned, as Long.remainderUnsigned does").isEqualTo(-1L);
    }

    @Test
    void fillBitsConvertAsTheCpuBackendDoes() {
        assertThat(ElementwiseKernels.elementBits(DType.FLOAT32, 1.5)).isEqualTo(Float.floatToRawIntBits(1.5f));
        assertThat(ElementwiseKernels.elementBits(DType.FLOAT32, -0.0)).as("-0 is not a zero fill").isEqualTo(0x8000_0000L);
        assertThat(ElementwiseKernels.elementBits(DType.FLOAT64, Math.E)).isEqualTo(Double.doubleToRawLongBits(Math.E));
        assertThat(ElementwiseKernels.elementBits(DType.INT32, -2.7)).isEqualTo(0xFFFF_FFFEL);
        assertThat(ElementwiseKernels.elementBits(DType.INT32, (1L << 32) + 5.0)).as("wraps like the CPU's (int) (long)").isEqualTo(5);
        assertThat(ElementwiseKernels.elementBits(DType.INT64, 1e30)).isEqualTo(Long.MAX_VALUE);
        assertThat(ElementwiseKernels.elementBits(DType.BOOL, Double.NaN)).isEqualTo(1);
        assertThat(ElementwiseKernels.elementBits(DType.BOOL, 0)).isZero();
    }

    @Test
    void windowAndLayoutWords() {
        Strided image = FakeStrided.of(DType.FLOAT32, new long[] {2, 3, 8, 9}, new long[] {216, 1, 27, 3}, 0);
        Strided columns = FakeStrided.contiguous(DType.FLOAT32, 2, 27, 49);
        Window2d w = new Window2d(3, 3, 1, 1, 0, 0, 1, 1);
        assertThat(WindowKernels.window(image, 6, 7, w)).containsExactly(2, 3, 8, 9, 6, 7, 3, 3, 1, 1, 0, 0, 1, 1);
        assertThat(WindowKernels.layout(image, columns)).containsExactly(216, 1, 27, 3, 1323, 49, 1, 0, 0, 0, 0, 0);
    }

    @Test
    void reducedDimsCoalesceAndAddressTheBlock() {
        Strided x = FakeStrided.contiguous(DType.FLOAT32, 2, 3, 4, 5);
        ReducedDims inner = ReducedDims.of(x, new int[] {2, 3});
        assertThat(inner.sizes()).containsExactly(20);
        assertThat(inner.strides()).containsExactly(1);
        ReducedDims split = ReducedDims.of(x, new int[] {0, 2});
        assertThat(split.sizes()).containsExactly(2, 4);
        assertThat(split.strides()).containsExactly(60, 5);
        assertThat(split.count()).isEqualTo(8);
        assertThat(split.offset(5)).isEqualTo(60 + 5);
        long[] words = split.words();
        assertThat(words).hasSize(ReducedDims.WORDS);
        assertThat(Arrays.copyOf(words, 4)).containsExactly(2, 8, 2, 4);
        assertThat(Arrays.copyOfRange(words, 2 + Geometry.MAX_DIMS, 4 + Geometry.MAX_DIMS)).containsExactly(60, 5);
        assertThat(ReducedDims.of(FakeStrided.contiguous(DType.FLOAT32, 3, 0), new int[] {1}).count()).isZero();
        assertThat(ReducedDims.of(FakeStrided.contiguous(DType.FLOAT32, 3, 1), new int[] {1}).count()).as("size-1 dims reduce to one element")
                .isEqualTo(1);
    }

    @Test
    void bytesReadAsBinaryUnits() {
        assertThat(Bytes.format(100)).isEqualTo("100 B");
        assertThat(Bytes.format(1536)).isEqualTo("1.5 KiB");
        assertThat(Bytes.format(80L << 30)).isEqualTo("80.0 GiB");
    }
}
