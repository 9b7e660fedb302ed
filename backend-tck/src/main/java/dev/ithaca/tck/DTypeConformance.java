package dev.ithaca.tck;

import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static dev.ithaca.tck.Approx.assertValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Element types: creation, casts between every pair, PyTorch's promotion rules and result types. */
public abstract class DTypeConformance extends BackendConformanceTest {
    /** PyTorch's category order; a binary op of two dimensioned tensors computes in the later of the two. */
    private static final List<DType> PROMOTION_ORDER = List.of(DType.BOOL, DType.INT32, DType.INT64, DType.FLOAT32, DType.FLOAT64);

    static Stream<Arguments> dtypePairs() {
        return Arrays.stream(DType.values()).flatMap(a -> Arrays.stream(DType.values()).map(b -> Arguments.of(a, b)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("dtypePairs")
    void castBetweenEveryPairKeepsSmallValues(DType from, DType to) {
        assumeSupports(from);
        assumeSupports(to);
        Tensor x = Samples.tensor(from, new double[] {0, 1, 3, 0, 2, 1}, 2, 3);
        Tensor y = x.to(to);
        assertThat(y.dtype()).isEqualTo(to);
        assertThat(y.shape()).containsExactly(2, 3);
        // values above 1 survive every cast except one through BOOL, which makes them true (1)
        boolean viaBool = from == DType.BOOL || to == DType.BOOL;
        assertThat(y.toDoubleArray()).containsExactly(0, 1, viaBool ? 1 : 3, 0, viaBool ? 1 : 2, 1);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"INT32", "INT64"})
    void floatToIntegerCastsTruncateTowardZero(DType target) {
        Tensor x = Tensor.of(new float[] {2.7f, -2.7f, 0.5f, -0.5f, 3f, -1e6f});
        assertThat(x.to(target).toLongArray()).containsExactly(2, -2, 0, 0, 3, -1_000_000);
        assertThat(Tensor.of(new double[] {1e10 + 0.9}).to(DType.INT64).toLongArray()).containsExactly(10_000_000_000L);
    }

    @Test
    void castsToBoolTestForNonZero() {
        // NaN is truthy, as bool(float('nan')) is in Python and PyTorch
        Tensor x = Tensor.of(new float[] {0, -0f, 0.1f, Float.NaN, -3});
        assertThat(x.to(DType.BOOL).toBooleanArray()).containsExactly(false, false, true, true, true);
        assertThat(Tensor.of(new long[] {0, 1L << 40}).to(DType.BOOL).toBooleanArray()).containsExactly(false, true);
    }

    @Test
    void narrowingIntegerCastsWrapAndWideningSignExtends() {
        assertThat(Tensor.of(new long[] {(1L << 32) + 5, -1, 1L << 31}).to(DType.INT32).toIntArray())
                .containsExactly(5, -1, Integer.MIN_VALUE);
        assertThat(Tensor.of(new int[] {-7}).to(DType.INT64).toLongArray()).containsExactly(-7);
    }

    @Test
    void int64ToFloat64IsExactUpToTwoToThe53() {
        assertThat(Tensor.of(new long[] {1L << 53, -(1L << 53)}).to(DType.FLOAT64).toDoubleArray())
                .containsExactly(9007199254740992.0, -9007199254740992.0);
    }

    @Test
    void float64ToFloat32RoundsToNearest() {
        assertThat(Tensor.of(new double[] {0.1, 1e300}).to(DType.FLOAT32).toFloatArray())
                .containsExactly(0.1f, Float.POSITIVE_INFINITY);
    }

    @Test
    void castOfAStridedViewReadsThroughStrides() {
        Tensor x = Tensor.of(new int[] {1, 2, 3, 4, 5, 6}, 2, 3).t();
        assertThat(x.to(DType.FLOAT64).toDoubleArray()).containsExactly(1, 4, 2, 5, 3, 6);
    }

    @Test
    void castToTheSameDTypeSharesStorage() {
        Tensor x = Tensor.of(new float[] {1, 2});
        assertThat(x.to(DType.FLOAT32).strided().storage()).isSameAs(x.strided().storage());
    }

    @Test
    void boolArithmeticIsLogicalAsInPyTorch() {
        Tensor a = Tensor.of(new boolean[] {true, true, false, false});
        Tensor b = Tensor.of(new boolean[] {true, false, true, false});
        assertThat(a.add(b).dtype()).isEqualTo(DType.BOOL);
        assertThat(a.add(b).toBooleanArray()).containsExactly(true, true, true, false);
        assertThat(a.mul(b).toBooleanArray()).containsExactly(true, false, false, false);
        assertThat(a.maximum(b).toBooleanArray()).containsExactly(true, true, true, false);
        assertThatThrownBy(() -> a.sub(b)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BOOL");
        assertThat(a.add(1).dtype()).isEqualTo(DType.INT64);
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("dtypePairs")
    void binaryOpsComputeInThePromotedType(DType a, DType b) {
        if (a == DType.BOOL && b == DType.BOOL) {
            return; // covered by boolArithmeticIsLogicalAsInPyTorch
        }
        assumeSupports(a);
        assumeSupports(b);
        DType expected = PROMOTION_ORDER.get(Math.max(PROMOTION_ORDER.indexOf(a), PROMOTION_ORDER.indexOf(b)));
        Tensor sum = Samples.tensor(a, new double[] {1, 0}, 2).add(Samples.tensor(b, new double[] {1, 1}, 2));
        assertThat(sum.dtype()).isEqualTo(expected);
        assertValues(sum, 2, 1);
    }

    @Test
    void promotionWidensBeforeComputing() {
        // INT32 max + 1 must not wrap once the other operand is INT64
        Tensor sum = Tensor.of(new int[] {Integer.MAX_VALUE}).add(Tensor.of(new long[] {1}));
        assertThat(sum.toLongArray()).containsExactly(1L << 31);
        Tensor mixed = Tensor.of(new long[] {3}).mul(Tensor.of(new float[] {0.5f}));
        assertThat(mixed.dtype()).isEqualTo(DType.FLOAT32);
        assertValues(mixed, 1.5);
    }

    @Test
    void javaScalarsNeverWidenATensorWithinItsCategory() {
        assertThat(Tensor.of(new int[] {1}).add(2).dtype()).isEqualTo(DType.INT32);
        assertThat(Tensor.of(new long[] {1}).mul(3).dtype()).isEqualTo(DType.INT64);
        assertThat(Tensor.of(new float[] {1}).add(2).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(Tensor.of(new float[] {1}).mul(1e-3).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(Tensor.of(new double[] {1}).add(1).dtype()).isEqualTo(DType.FLOAT64);
    }

    @Test
    void javaScalarsOfAHigherCategoryPromote() {
        Tensor ints = Tensor.of(new int[] {1, 2}).add(2.5);
        assertThat(ints.dtype()).isEqualTo(DType.FLOAT32);
        assertValues(ints, 3.5, 4.5);
        Tensor bools = Tensor.of(new boolean[] {true, false}).add(1);
        assertThat(bools.dtype()).isEqualTo(DType.INT64);
        assertThat(bools.toLongArray()).containsExactly(2, 1);
    }

    @Test
    void zeroDimTensorsPromoteOnlyAcrossCategories() {
        // PyTorch: a 0-dim operand of the same category does not widen a dimensioned one...
        Tensor floats = Tensor.of(new float[] {1, 2}).mul(Tensor.scalar(0.5, DType.FLOAT64));
        assertThat(floats.dtype()).isEqualTo(DType.FLOAT32);
        assertValues(floats, 0.5, 1);
        assertThat(Tensor.of(new int[] {1}).add(Tensor.scalar(1, DType.INT64)).dtype()).isEqualTo(DType.INT32);
        // ...but one of a higher category does, and two 0-dim tensors promote normally
        assertThat(Tensor.of(new int[] {1}).add(Tensor.scalar(0.5, DType.FLOAT64)).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(Tensor.scalar(1).add(Tensor.scalar(1, DType.FLOAT64)).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(Tensor.where(Tensor.of(new boolean[] {true}), Tensor.of(new float[] {1}), Tensor.scalar(0, DType.FLOAT64))
                .dtype()).isEqualTo(DType.FLOAT32);
    }

    @Test
    void integerDivisionIsTrueDivisionInFloat32() {
        Tensor q = Tensor.of(new int[] {7, -7, 1}).div(Tensor.of(new int[] {2, 2, 0}));
        assertThat(q.dtype()).isEqualTo(DType.FLOAT32);
        assertValues(q, 3.5, -3.5, Double.POSITIVE_INFINITY);
        Tensor byScalar = Tensor.of(new long[] {1, 3}).div(4);
        assertThat(byScalar.dtype()).isEqualTo(DType.FLOAT32);
        assertValues(byScalar, 0.25, 0.75);
    }

    @Test
    void integerAndBoolReductionsAccumulateInInt64() {
        Tensor ints = Tensor.of(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE});
        assertThat(ints.sum().dtype()).isEqualTo(DType.INT64);
        assertThat(ints.sum().toLongArray()).containsExactly(2L * Integer.MAX_VALUE);
        assertThat(ints.prod().toLongArray()).containsExactly((long) Integer.MAX_VALUE * Integer.MAX_VALUE);
        assertThat(Tensor.of(new boolean[] {true, false, true}).sum().toLongArray()).containsExactly(2);
        assertThat(ints.max().dtype()).isEqualTo(DType.INT32);
    }

    @Test
    void float64IsComputedInDoublePrecision() {
        // 1 + 1e-15 - 1 vanishes in float32
        assertThat(Tensor.of(new double[] {1 + 1e-15}).sub(1).item()).isEqualTo(1.1102230246251565e-15);
        assertThat(Tensor.of(new double[] {0.1, 0.2}).sum().item()).isEqualTo(0.1 + 0.2);
    }

    @Test
    void floatingOpsOnBoolComputeInFloat32() {
        Tensor e = Tensor.of(new boolean[] {true, false}).exp();
        assertThat(e.dtype()).isEqualTo(DType.FLOAT32);
        assertValues(e, Math.E, 1);
    }
}
