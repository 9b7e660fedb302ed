package dev.ithaca.tck;

import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.ithaca.tck.Approx.assertTensor;
import static org.assertj.core.api.Assertions.assertThat;

/** Factories, host copies and in-place writes: what every other test builds its inputs with. */
public abstract class CreationConformance extends BackendConformanceTest {

    @Test
    void ofKeepsValuesShapeAndLandsOnTheBackend() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertThat(t.shape()).containsExactly(2, 3);
        assertThat(t.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(t.backend()).isSameAs(backend());
        assertThat(t.device()).isEqualTo(backend().device());
        assertThat(t.toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void ofWithoutShapeIsOneDimensional() {
        assertThat(Tensor.of(new long[] {4, 5, 6}).shape()).containsExactly(3);
    }

    @Test
    void floatExtremesRoundTripBitExactly() {
        float[] values = {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, Float.MIN_NORMAL, -0f,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        float[] back = Tensor.of(values).toFloatArray();
        for (int i = 0; i < values.length; i++) {
            assertThat(Float.floatToRawIntBits(back[i])).as("value %d", i).isEqualTo(Float.floatToRawIntBits(values[i]));
        }
    }

    @Test
    void doubleValuesRoundTripWithoutLosingPrecision() {
        double[] values = {Math.PI, 1e-300, -1e300, Double.MIN_VALUE, 1 + Math.ulp(1.0)};
        Tensor t = Tensor.of(values);
        assertThat(t.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(t.toDoubleArray()).containsExactly(values);
    }

    @Test
    void integerAndBooleanArraysRoundTripExactly() {
        int[] ints = {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE};
        // 2^53 + 1 has no double representation: it must never pass through a double
        long[] longs = {Long.MIN_VALUE, (1L << 53) + 1, Long.MAX_VALUE};
        boolean[] bools = {true, false, true};
        assertThat(Tensor.of(ints).dtype()).isEqualTo(DType.INT32);
        assertThat(Tensor.of(ints).toIntArray()).containsExactly(ints);
        assertThat(Tensor.of(longs).dtype()).isEqualTo(DType.INT64);
        assertThat(Tensor.of(longs).toLongArray()).containsExactly(longs);
        assertThat(Tensor.of(bools).dtype()).isEqualTo(DType.BOOL);
        assertThat(Tensor.of(bools).toBooleanArray()).containsExactly(bools);
    }

    @Test
    void scalarIsZeroDimensionalWithOneElement() {
        Tensor s = Tensor.scalar(3.5);
        assertThat(s.dim()).isZero();
        assertThat(s.shape()).isEmpty();
        assertThat(s.numel()).isEqualTo(1);
        assertThat(s.item()).isEqualTo(3.5);
        assertThat(Tensor.scalar(7, DType.INT64).toLongArray()).containsExactly(7);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void zerosOnesAndFullFillEveryDType(DType dtype) {
        Tensor zeros = Tensor.zeros(dtype, 2, 3);
        Tensor ones = Tensor.ones(dtype, 2, 3);
        Tensor sevens = Tensor.full(dtype, 7, 3, 2);
        assertThat(zeros.dtype()).isEqualTo(dtype);
        assertThat(zeros.toDoubleArray()).containsOnly(0);
        assertThat(ones.toDoubleArray()).hasSize(6).containsOnly(1);
        assertThat(sevens.shape()).containsExactly(3, 2);
        assertThat(sevens.toDoubleArray()).containsOnly(dtype == DType.BOOL ? 1 : 7);
    }

    @Test
    void fullTruncatesFractionsForIntegerDTypes() {
        assertThat(Tensor.full(DType.INT32, 2.9, 2).toIntArray()).containsExactly(2, 2);
        assertThat(Tensor.full(DType.INT64, -2.9, 1).toLongArray()).containsExactly(-2);
    }

    @Test
    void zeroSizeShapesHoldNoElements() {
        Tensor empty = Tensor.zeros(2, 0, 3);
        assertThat(empty.shape()).containsExactly(2, 0, 3);
        assertThat(empty.numel()).isZero();
        assertThat(empty.toFloatArray()).isEmpty();
        assertThat(Tensor.of(new float[0]).shape()).containsExactly(0);
    }

    @Test
    void zerosLikeAndOnesLikeKeepShapeAndDType() {
        Tensor x = Tensor.of(new int[] {5, 6, 7, 8}, 2, 2);
        Tensor z = Tensor.zerosLike(x);
        Tensor o = Tensor.onesLike(x);
        assertThat(z.dtype()).isEqualTo(DType.INT32);
        assertThat(z.shape()).containsExactly(2, 2);
        assertThat(z.toIntArray()).containsExactly(0, 0, 0, 0);
        assertThat(o.toIntArray()).containsExactly(1, 1, 1, 1);
    }

    @Test
    void integerArangeFollowsPythonRange() {
        assertThat(Tensor.arange(5).dtype()).isEqualTo(DType.INT64);
        assertThat(Tensor.arange(5).toLongArray()).containsExactly(0, 1, 2, 3, 4);
        assertThat(Tensor.arange(2, 11, 3).toLongArray()).containsExactly(2, 5, 8);
        assertThat(Tensor.arange(10, 0, -3).toLongArray()).containsExactly(10, 7, 4, 1);
        assertThat(Tensor.arange(3, 3, 1).shape()).containsExactly(0);
    }

    @Test
    void floatArangeStopsBeforeEnd() {
        Tensor up = Tensor.arange(0.0, 1.0, 0.25);
        assertThat(up.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(up.toFloatArray()).containsExactly(0f, 0.25f, 0.5f, 0.75f);
        assertThat(Tensor.arange(1.0, 0.0, -0.5).toFloatArray()).containsExactly(1f, 0.5f);
    }

    @Test
    void eyeHasOnesOnTheDiagonalOnly() {
        assertTensor(Tensor.eye(3), new long[] {3, 3}, 1, 0, 0, 0, 1, 0, 0, 0, 1);
        assertTensor(Tensor.eye(2, 4), new long[] {2, 4}, 1, 0, 0, 0, 0, 1, 0, 0);
        assertTensor(Tensor.eye(3, 2), new long[] {3, 2}, 1, 0, 0, 1, 0, 0);
        assertThat(Tensor.eye(0).numel()).isZero();
    }

    @Test
    void largeTensorsRoundTripThroughHostMemory() {
        float[] values = new float[100_003];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5f - 7;
        }
        assertThat(Tensor.of(values).toFloatArray()).isEqualTo(values);
    }

    @Test
    void fillOfAViewWritesOnlyTheViewedElements() {
        Tensor base = Tensor.zeros(3, 4);
        Tensor column = base.select(1, 2);
        assertThat(column.fill(7)).isSameAs(column);
        assertTensor(base, new long[] {3, 4}, 0, 0, 7, 0, 0, 0, 7, 0, 0, 0, 7, 0);
    }

    @Test
    void copyFromBroadcastsAndConvertsTheSource() {
        Tensor target = Tensor.zeros(2, 3);
        target.copyFrom(Tensor.of(new int[] {1, 2, 3}));
        assertTensor(target, new long[] {2, 3}, 1, 2, 3, 1, 2, 3);
    }

    @Test
    void copyFromIntoATransposedViewWritesThroughItsStrides() {
        Tensor target = Tensor.zeros(2, 3);
        target.t().copyFrom(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2));
        assertTensor(target, new long[] {2, 3}, 1, 3, 5, 2, 4, 6);
    }

    @Test
    void hostArraysConvertToTheRequestedType() {
        Tensor ints = Tensor.of(new int[] {-3, 0, 2});
        assertThat(ints.toFloatArray()).containsExactly(-3f, 0f, 2f);
        assertThat(ints.toDoubleArray()).containsExactly(-3, 0, 2);
        assertThat(ints.toLongArray()).containsExactly(-3, 0, 2);
        assertThat(ints.toBooleanArray()).containsExactly(true, false, true);
        assertThat(Tensor.of(new float[] {1.5f, -2.5f}).toIntArray()).containsExactly(1, -2);
    }

    @Test
    void cloneIsIndependentOfTheOriginal() {
        Tensor original = Tensor.of(new float[] {1, 2, 3});
        Tensor copy = original.clone();
        copy.fill(9);
        assertThat(original.toFloatArray()).containsExactly(1, 2, 3);
        assertThat(copy.strided().storage()).isNotSameAs(original.strided().storage());
    }
}
