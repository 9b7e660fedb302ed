package dev.ithaca.tck;

import dev.ithaca.spi.BinaryOp;
import dev.ithaca.spi.UnaryOp;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static dev.ithaca.tck.Approx.assertTensor;
import static dev.ithaca.tck.Approx.assertValues;
import static dev.ithaca.tck.Samples.floats;
import static dev.ithaca.tck.Samples.integers;
import static dev.ithaca.tck.Samples.tensor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@link UnaryOp} and {@link BinaryOp}, clamp, where and the comparisons, against the
 * mathematical definitions (PyTorch's) evaluated in double, over broadcast shapes, strided views,
 * empty tensors and sizes large enough to be split across threads.
 */
public abstract class ElementwiseConformance extends BackendConformanceTest {
    private static final int LARGE = Samples.LARGE;

    // ---- definitions ---------------------------------------------------------------------------

    static double unaryDefinition(UnaryOp op, double x) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
            case RSQRT -> 1 / Math.sqrt(x);
            case TANH -> Math.tanh(x);
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case RELU -> Math.max(x, 0);
            case GELU -> 0.5 * x * (1 + Reference.erf(x / Math.sqrt(2)));
            // PyTorch's approximate='tanh' formula
            case GELU_TANH -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            case SILU -> x / (1 + Math.exp(-x));
            case SIGN -> Math.signum(x);
            case RECIPROCAL -> 1 / x;
            case SQUARE -> x * x;
            // d/dx x Φ(x) = Φ(x) + x φ(x)
            case GELU_GRAD -> 0.5 * (1 + Reference.erf(x / Math.sqrt(2))) + x * Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
            case GELU_TANH_GRAD -> {
                double c = Math.sqrt(2 / Math.PI);
                double t = Math.tanh(c * (x + 0.044715 * x * x * x));
                yield 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * 0.044715 * x * x);
            }
        };
    }

    /** Through the Tensor method where there is one; backward-only ops straight through the backend's kernel. */
    static Tensor apply(UnaryOp op, Tensor x) {
        return switch (op) {
            case NEG -> x.neg();
            case ABS -> x.abs();
            case EXP -> x.exp();
            case LOG -> x.log();
            case SQRT -> x.sqrt();
            case RSQRT -> x.rsqrt();
            case TANH -> x.tanh();
            case SIGMOID -> x.sigmoid();
            case RELU -> x.relu();
            case GELU -> x.gelu();
            case GELU_TANH -> x.geluTanh();
            case SILU -> x.silu();
            case SIGN -> x.sign();
            case RECIPROCAL -> x.reciprocal();
            case SQUARE -> x.square();
            case GELU_GRAD, GELU_TANH_GRAD -> {
                Tensor out = Tensor.zerosLike(x);
                x.backend().unary(op, x.strided(), out.strided());
                yield out;
            }
        };
    }

    static double binaryDefinition(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> Math.pow(a, b);
            case MAXIMUM -> Math.max(a, b);
            case MINIMUM -> Math.min(a, b);
            case EQ -> a == b ? 1 : 0;
            case NE -> a != b ? 1 : 0;
            case LT -> a < b ? 1 : 0;
            case LE -> a <= b ? 1 : 0;
            case GT -> a > b ? 1 : 0;
            case GE -> a >= b ? 1 : 0;
        };
    }

    static Tensor apply(BinaryOp op, Tensor a, Tensor b) {
        return switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case DIV -> a.div(b);
            case POW -> a.pow(b);
            case MAXIMUM -> a.maximum(b);
            case MINIMUM -> a.minimum(b);
            case EQ -> a.eq(b);
            case NE -> a.ne(b);
            case LT -> a.lt(b);
            case LE -> a.le(b);
            case GT -> a.gt(b);
            case GE -> a.ge(b);
        };
    }

    /** The scalar overloads; MAXIMUM and MINIMUM have none. */
    static Tensor apply(BinaryOp op, Tensor a, double b) {
        return switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case DIV -> a.div(b);
            case POW -> a.pow(b);
            case EQ -> a.eq(b);
            case NE -> a.ne(b);
            case LT -> a.lt(b);
            case LE -> a.le(b);
            case GT -> a.gt(b);
            case GE -> a.ge(b);
            case MAXIMUM, MINIMUM -> throw new IllegalArgumentException("no scalar overload for " + op);
        };
    }

    /** Inputs inside each op's domain: positive for log/sqrt/rsqrt, non-zero for reciprocal. */
    private static double[] unaryInputs(UnaryOp op, int n) {
        return switch (op) {
            case LOG, SQRT, RSQRT -> floats(1, n, 0.05, 4);
            case RECIPROCAL -> Reference.map(floats(1, n, 0.25, 4), v -> (Math.round(v * 8) % 2 == 0) ? v : -v);
            default -> floats(1, n, -4, 4);
        };
    }

    /** Operand pairs: comparisons get small whole numbers so ties occur, pow a positive base, div no zero divisor. */
    private static double[][] binaryInputs(BinaryOp op, DType dtype, int na, int nb) {
        boolean integral = dtype.isIntegral();
        if (op.isComparison()) {
            return new double[][] {integers(2, na, -2, 3), integers(3, nb, -2, 3)};
        }
        return switch (op) {
            case POW -> integral
                    ? new double[][] {integers(2, na, -3, 4), integers(3, nb, 0, 4)}
                    : new double[][] {floats(2, na, 0.25, 3), floats(3, nb, -2, 2)};
            case DIV -> integral
                    ? new double[][] {integers(2, na, -20, 20), integers(3, nb, 1, 7)}
                    : new double[][] {floats(2, na, -4, 4), floats(3, nb, 0.5, 4)};
            default -> integral
                    ? new double[][] {integers(2, na, -50, 50), integers(3, nb, -50, 50)}
                    : new double[][] {floats(2, na, -4, 4), floats(3, nb, -4, 4)};
        };
    }

    static Stream<Arguments> unaryCases() {
        return Arrays.stream(UnaryOp.values())
                .flatMap(op -> Stream.of(DType.FLOAT32, DType.FLOAT64).map(t -> Arguments.of(op, t)));
    }

    static Stream<Arguments> binaryCases() {
        return Arrays.stream(BinaryOp.values()).flatMap(op -> Stream.of(DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64)
                .map(t -> Arguments.of(op, t)));
    }

    // ---- every op ------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unaryCases")
    void unaryOpMatchesItsDefinition(UnaryOp op, DType dtype) {
        double[] x = unaryInputs(op, 60);
        Tensor out = apply(op, tensor(dtype, x, 3, 4, 5));
        assertThat(out.dtype()).isEqualTo(dtype);
        assertTensor(out, new long[] {3, 4, 5}, Reference.map(x, v -> unaryDefinition(op, v)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("binaryCases")
    void binaryOpMatchesItsDefinitionUnderBroadcasting(BinaryOp op, DType dtype) {
        double[][] in = binaryInputs(op, dtype, 24, 3);
        Tensor out = apply(op, tensor(dtype, in[0], 2, 3, 4), tensor(dtype, in[1], 3, 1));
        DType expectedType = op.isComparison() ? DType.BOOL : (op == BinaryOp.DIV && dtype.isIntegral() ? DType.FLOAT32 : dtype);
        assertThat(out.dtype()).isEqualTo(expectedType);
        assertTensor(out, new long[] {2, 3, 4},
                Reference.binary(in[0], new long[] {2, 3, 4}, in[1], new long[] {3, 1}, (a, b) -> binaryDefinition(op, a, b)));
    }

    @ParameterizedTest
    @EnumSource(value = BinaryOp.class, names = {"MAXIMUM", "MINIMUM"}, mode = EnumSource.Mode.EXCLUDE)
    void scalarOperandMatchesTheDefinition(BinaryOp op) {
        double[] x = op == BinaryOp.POW ? floats(4, 8, 0.25, 3) : Reference.map(integers(4, 8, -3, 4), v -> v / 2);
        double s = 1.5;
        Tensor out = apply(op, tensor(DType.FLOAT32, x, 2, 4), s);
        assertTensor(out, new long[] {2, 4}, Reference.map(x, v -> binaryDefinition(op, v, s)));
    }

    // ---- closed forms and special values ------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void geluMatchesTheNormalCdfAtKnownPoints(DType dtype) {
        // GELU(x) = x Φ(x); erf(1/√2) etc. from tables: Φ(1) = 0.8413447460685429, Φ(2) = 0.9772498680518208
        Tensor out = tensor(dtype, new double[] {0, 1, -1, 2, 0.5, 3}, 6).gelu();
        assertValues(out, 0, 0.8413447460685429, -0.15865525393145707, 1.9544997361036416, 0.34573123063700656,
                2.99595030590511);
    }

    @Test
    void geluIsAccurateInTheFarTail() {
        // -4 Φ(-4) is about -1.27e-4: tiny, so it is checked relative to its own size (value from erfc)
        double gelu = Tensor.of(new double[] {-4}).gelu().item();
        Approx.assertRelative(gelu, -1.2668496733247986e-4, 1e-9);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void geluTanhMatchesPyTorchsApproximation(DType dtype) {
        Tensor out = tensor(dtype, new double[] {1, -1, 2, 0.5, -3}, 5).geluTanh();
        assertValues(out, 0.8411919906082768, -0.15880800939172324, 1.954597694087775, 0.34571400982514394,
                -0.0036373920817729943);
    }

    @ParameterizedTest
    @EnumSource(value = UnaryOp.class, names = {"GELU_GRAD", "GELU_TANH_GRAD"})
    void geluGradientsAreTheDerivativesOfGelu(UnaryOp op) {
        // checked against central differences of the forward op itself, not against a formula
        UnaryOp forward = op == UnaryOp.GELU_GRAD ? UnaryOp.GELU : UnaryOp.GELU_TANH;
        double[] x = floats(5, 40, -3, 3);
        double h = 1e-4;
        Tensor plus = apply(forward, Samples.tensor(DType.FLOAT64, Reference.map(x, v -> v + h), 40));
        Tensor minus = apply(forward, Samples.tensor(DType.FLOAT64, Reference.map(x, v -> v - h), 40));
        double[] numeric = plus.sub(minus).div(2 * h).toDoubleArray();
        Approx.assertClose(apply(op, Samples.tensor(DType.FLOAT64, x, 40)).toDoubleArray(), numeric, 1e-7);
    }

    @Test
    void sigmoidAndSiluStayFiniteForHugeInputs() {
        Tensor x = Tensor.of(new float[] {-1000, -100, 100, 1000});
        assertValues(x.sigmoid(), 0, 0, 1, 1);
        assertValues(x.silu(), 0, 0, 100, 1000);
    }

    @Test
    void specialValuesFollowIeeeArithmetic() {
        Tensor x = Tensor.of(new float[] {0, -1, Float.POSITIVE_INFINITY});
        assertValues(x.log(), Double.NEGATIVE_INFINITY, Double.NaN, Double.POSITIVE_INFINITY);
        assertValues(x.sqrt(), 0, Double.NaN, Double.POSITIVE_INFINITY);
        assertValues(x.reciprocal(), Double.POSITIVE_INFINITY, -1, 0);
        assertValues(Tensor.of(new float[] {100}).exp(), Double.POSITIVE_INFINITY);
    }

    @Test
    void nanPropagatesThroughReluMaximumAndMinimum() {
        Tensor x = Tensor.of(new float[] {Float.NaN, 1, 2});
        Tensor y = Tensor.of(new float[] {0, Float.NaN, 1});
        assertValues(x.relu(), Double.NaN, 1, 2);
        assertValues(x.maximum(y), Double.NaN, Double.NaN, 2);
        assertValues(x.minimum(y), Double.NaN, Double.NaN, 1);
    }

    @Test
    void comparisonsTreatNanAsUnordered() {
        Tensor nan = Tensor.of(new float[] {Float.NaN});
        assertThat(nan.eq(nan).toBooleanArray()).containsExactly(false);
        assertThat(nan.ne(nan).toBooleanArray()).containsExactly(true);
        assertThat(nan.lt(0).toBooleanArray()).containsExactly(false);
        assertThat(nan.ge(0).toBooleanArray()).containsExactly(false);
    }

    @Test
    void comparisonsPromoteMixedOperandsAndReturnBool() {
        Tensor ints = Tensor.of(new int[] {1, 2});
        Tensor halves = Tensor.of(new float[] {1.5f, 1.5f});
        Tensor lt = ints.lt(halves);
        assertThat(lt.dtype()).isEqualTo(DType.BOOL);
        assertThat(lt.toBooleanArray()).containsExactly(true, false);
        assertThat(ints.gt(1.5).toBooleanArray()).containsExactly(false, true);
    }

    @Test
    void integerUnaryOpsStayExactIntegers() {
        Tensor x = Tensor.of(new long[] {-(1L << 40) - 1, 0, 3});
        assertThat(x.neg().toLongArray()).containsExactly((1L << 40) + 1, 0, -3);
        assertThat(x.abs().toLongArray()).containsExactly((1L << 40) + 1, 0, 3);
        assertThat(x.relu().toLongArray()).containsExactly(0, 0, 3);
        assertThat(x.sign().toLongArray()).containsExactly(-1, 0, 1);
        assertThat(Tensor.of(new int[] {-3, 4}).square().toIntArray()).containsExactly(9, 16);
        assertThat(x.neg().dtype()).isEqualTo(DType.INT64);
    }

    @Test
    void floatingOnlyOpsPromoteIntegersToFloat32() {
        Tensor roots = Tensor.of(new int[] {1, 4, 9}).sqrt();
        assertThat(roots.dtype()).isEqualTo(DType.FLOAT32);
        assertValues(roots, 1, 2, 3);
        assertValues(Tensor.of(new long[] {0}).exp(), 1);
    }

    @Test
    void integerPowIsExactAndFloatExponentsPromote() {
        Tensor base = Tensor.of(new long[] {3, -2});
        assertThat(base.pow(Tensor.of(new long[] {39, 5})).toLongArray()).containsExactly(4052555153018976267L, -32);
        assertThat(base.pow(2).dtype()).isEqualTo(DType.INT64);
        Tensor half = Tensor.of(new int[] {4, 9}).pow(0.5);
        assertThat(half.dtype()).isEqualTo(DType.FLOAT32);
        assertValues(half, 2, 3);
    }

    @Test
    void integerArithmeticDoesNotGoThroughDoubles() {
        long big = (1L << 53) + 1;
        assertThat(Tensor.of(new long[] {big}).add(Tensor.of(new long[] {2})).toLongArray()).containsExactly(big + 2);
        assertThat(Tensor.of(new long[] {big}).mul(3).toLongArray()).containsExactly(big * 3);
    }

    // ---- clamp and where -----------------------------------------------------------------------

    @Test
    void clampLimitsBothSidesAndKeepsNan() {
        Tensor x = Tensor.of(new float[] {-3, -1, 0, 1.5f, 3, Float.NaN});
        assertValues(x.clamp(-1, 2), -1, -1, 0, 1.5, 2, Double.NaN);
        assertValues(x.clampMin(0), 0, 0, 0, 1.5, 3, Double.NaN);
        assertValues(x.clampMax(0), -3, -1, 0, 0, 0, Double.NaN);
    }

    @Test
    void clampKeepsIntegersUnlessABoundIsFractional() {
        Tensor x = Tensor.of(new int[] {-5, 0, 1, 7});
        Tensor whole = x.clamp(0, 2);
        assertThat(whole.dtype()).isEqualTo(DType.INT32);
        assertThat(whole.toIntArray()).containsExactly(0, 0, 1, 2);
        Tensor fractional = x.clamp(0.5, 2.5);
        assertThat(fractional.dtype()).isEqualTo(DType.FLOAT32);
        assertValues(fractional, 0.5, 0.5, 1, 2.5);
    }

    @Test
    void clampReadsStridedInputs() {
        Tensor x = tensor(DType.FLOAT64, Samples.iota(12), 3, 4).t();
        assertTensor(x.clamp(2, 9), new long[] {4, 3}, 2, 4, 8, 2, 5, 9, 2, 6, 9, 3, 7, 9);
    }

    @Test
    void whereBroadcastsConditionAndBothBranches() {
        Tensor cond = Tensor.of(new boolean[] {true, false, true}, 3, 1);
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 1, 4);
        Tensor out = Tensor.where(cond, a, Tensor.scalar(-1));
        assertTensor(out, new long[] {3, 4}, 1, 2, 3, 4, -1, -1, -1, -1, 1, 2, 3, 4);
    }

    @Test
    void wherePromotesItsBranches() {
        Tensor out = Tensor.where(Tensor.of(new boolean[] {true, false}), Tensor.of(new int[] {1, 2}),
                Tensor.of(new double[] {0.5, 0.25}));
        assertThat(out.dtype()).isEqualTo(DType.FLOAT64);
        assertValues(out, 1, 0.25);
        Tensor ints = Tensor.where(Tensor.of(new boolean[] {false}), Tensor.of(new long[] {1L << 60}), Tensor.of(new long[] {(1L << 60) + 1}));
        assertThat(ints.toLongArray()).containsExactly((1L << 60) + 1);
    }

    // ---- broadcasting --------------------------------------------------------------------------

    @Test
    void zeroDimOperandsBroadcastAgainstAnything() {
        Tensor s = Tensor.scalar(10);
        Tensor m = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertTensor(s.sub(m), new long[] {2, 3}, 9, 8, 7, 6, 5, 4);
        assertTensor(m.sub(s), new long[] {2, 3}, -9, -8, -7, -6, -5, -4);
        assertTensor(s.add(s), new long[0], 20);
        assertTensor(Tensor.ones(1, 1).add(s), new long[] {1, 1}, 11);
    }

    @Test
    void sizeOneDimsAndRankDifferencesBroadcast() {
        long[][][] cases = {
            {{3, 1}, {1, 4}},
            {{2, 3, 4}, {4}},
            {{5, 1, 4}, {3, 1}},
            {{1}, {2, 2}},
            {{2, 1, 3, 1}, {4, 1, 5}},
        };
        for (long[][] c : cases) {
            double[] a = floats(5, (int) Samples.numel(c[0]), -4, 4);
            double[] b = floats(6, (int) Samples.numel(c[1]), -4, 4);
            Tensor out = tensor(DType.FLOAT32, a, c[0]).mul(tensor(DType.FLOAT32, b, c[1]));
            assertTensor(out, Reference.broadcastShape(c[0], c[1]), Reference.binary(a, c[0], b, c[1], (x, y) -> x * y));
        }
    }

    @Test
    void zeroSizeDimsBroadcastToEmptyResults() {
        assertThat(Tensor.zeros(2, 0).add(Tensor.ones(2, 1)).shape()).containsExactly(2, 0);
        assertThat(Tensor.zeros(0).add(Tensor.ones(1)).shape()).containsExactly(0);
        assertThat(Tensor.zeros(3, 0).exp().shape()).containsExactly(3, 0);
        Tensor cmp = Tensor.zeros(0, 4).lt(Tensor.ones(4));
        assertThat(cmp.dtype()).isEqualTo(DType.BOOL);
        assertThat(cmp.shape()).containsExactly(0, 4);
    }

    @Property(tries = 60)
    void broadcastingIsCommutativeAndMatchesTheReference(@ForAll @IntRange(min = 0, max = 3) int rankA,
                                                         @ForAll @IntRange(min = 0, max = 3) int rankB,
                                                         @ForAll @IntRange(min = 0, max = 7) int onesA,
                                                         @ForAll @IntRange(min = 0, max = 7) int onesB) {
        long[] full = {2, 3, 4};
        long[] sa = trailing(full, rankA, onesA);
        long[] sb = trailing(full, rankB, onesB);
        double[] a = floats(7, (int) Samples.numel(sa), -4, 4);
        double[] b = floats(8, (int) Samples.numel(sb), -4, 4);
        Tensor ta = tensor(DType.FLOAT64, a, sa);
        Tensor tb = tensor(DType.FLOAT64, b, sb);
        assertThat(ta.backend()).as("jqwik tries run on the backend under test").isSameAs(backend());
        double[] expected = Reference.binary(a, sa, b, sb, Double::sum);
        assertTensor(ta.add(tb), Reference.broadcastShape(sa, sb), expected);
        assertTensor(tb.add(ta), Reference.broadcastShape(sa, sb), expected);
    }

    /** The last {@code rank} sizes of {@code full}, with size 1 wherever bit d of {@code ones} is set. */
    private static long[] trailing(long[] full, int rank, int ones) {
        long[] shape = Arrays.copyOfRange(full, full.length - rank, full.length);
        for (int d = 0; d < rank; d++) {
            if ((ones >> d & 1) != 0) {
                shape[d] = 1;
            }
        }
        return shape;
    }

    // ---- strided inputs ------------------------------------------------------------------------

    @Test
    void transposedAndSlicedOperandsAreReadThroughTheirStrides() {
        double[] a = floats(9, 12, -4, 4);
        double[] b = floats(10, 24, -4, 4);
        Tensor at = tensor(DType.FLOAT32, a, 4, 3).t();
        Tensor bs = tensor(DType.FLOAT32, b, 3, 8).slice(1, 1, 8, 2);
        double[] aT = Reference.permute(a, new long[] {4, 3}, 1, 0);
        double[] bS = new double[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                bS[i * 4 + j] = b[i * 8 + 1 + 2 * j];
            }
        }
        double[] expected = new double[12];
        for (int i = 0; i < 12; i++) {
            expected[i] = aT[i] - bS[i];
        }
        assertTensor(at.sub(bs), new long[] {3, 4}, expected);
    }

    @Test
    void expandedAndPermutedInputsFeedUnaryOps() {
        Tensor column = Tensor.of(new float[] {0, 1, 2}, 3, 1);
        assertTensor(column.expand(3, 2).exp(), new long[] {3, 2}, 1, 1, Math.E, Math.E, Math.exp(2), Math.exp(2));
        double[] x = floats(11, 24, -4, 4);
        Tensor permuted = tensor(DType.FLOAT64, x, 2, 3, 4).permute(2, 0, 1).narrow(0, 1, 2);
        double[] p = Reference.permute(x, new long[] {2, 3, 4}, 2, 0, 1);
        assertTensor(permuted.tanh(), new long[] {2, 2, 3}, Reference.map(Arrays.copyOfRange(p, 6, 18), Math::tanh));
    }

    // ---- sizes that cross the parallel threshold ------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64", "INT32", "INT64"})
    void largeBinaryOpsCoverEveryElement(DType dtype) {
        double[] a = integers(12, LARGE, -1000, 1000);
        double[] b = integers(13, LARGE, -1000, 1000);
        assertTensor(tensor(dtype, a, LARGE).mul(tensor(dtype, b, LARGE)), new long[] {LARGE},
                Reference.binary(a, new long[] {LARGE}, b, new long[] {LARGE}, (x, y) -> x * y));
    }

    @Test
    void largeUnaryOpsAndComparisonsCoverEveryElement() {
        double[] x = floats(14, LARGE, -4, 4);
        Tensor t = tensor(DType.FLOAT32, x, LARGE);
        assertValues(t.exp(), Reference.map(x, Math::exp));
        assertValues(t.relu(), Reference.map(x, v -> Math.max(v, 0)));
        assertValues(t.gt(0), Reference.map(x, v -> v > 0 ? 1 : 0));
        assertValues(Tensor.where(t.gt(0), t, t.neg()), Reference.map(x, Math::abs));
    }

    @Test
    void largeTransposedOperandsAreSplitCorrectly() {
        // 317 x 331 = 104,927 elements, read column-major: parallel chunks start mid-row
        double[] a = floats(15, 317 * 331, -4, 4);
        double[] b = floats(16, 317 * 331, -4, 4);
        Tensor sum = tensor(DType.FLOAT32, a, 331, 317).t().add(tensor(DType.FLOAT32, b, 317, 331));
        double[] aT = Reference.permute(a, new long[] {331, 317}, 1, 0);
        double[] expected = new double[aT.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = aT[i] + b[i];
        }
        assertTensor(sum, new long[] {317, 331}, expected);
    }
}
