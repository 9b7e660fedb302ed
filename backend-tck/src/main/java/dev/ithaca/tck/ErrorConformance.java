package dev.ithaca.tck;

import dev.ithaca.random.Generator;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.tensor.Window2d;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad input must fail with an {@link IllegalArgumentException} (or {@link IllegalStateException}
 * for freed tensors) whose message names the operation and the offending shapes or values, never
 * with an index-out-of-bounds error or a crash from inside a kernel.
 */
public abstract class ErrorConformance extends BackendConformanceTest {

    private static void assertRejected(ThrowingCallable call, String... fragments) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll(fragments);
    }

    private static Tensor matrix() {
        return Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    }

    @Test
    void shapesThatDoNotBroadcastNameTheOpAndBothShapes() {
        Tensor m = matrix();
        assertRejected(() -> m.add(Tensor.ones(4)), "add", "[2, 3]", "[4]");
        assertRejected(() -> m.lt(Tensor.ones(2)), "lt", "[2, 3]", "[2]");
        assertRejected(() -> Tensor.where(Tensor.of(new boolean[] {true, false}), m, m), "where", "[2]", "[2, 3]");
        assertRejected(() -> Tensor.zeros(2, 2).copyFrom(m), "copyFrom", "[2, 3]", "[2, 2]");
        assertRejected(() -> m.expand(4, 3), "expand", "[2, 3]", "[4, 3]");
    }

    @Test
    void matmulShapeErrorsNameBothShapes() {
        assertRejected(() -> matrix().matmul(Tensor.ones(4, 5)), "matmul", "[2, 3]", "[4, 5]");
        assertRejected(() -> Tensor.ones(2, 2, 3).matmul(Tensor.ones(3, 3, 1)), "matmul", "[2]", "[3]");
        assertRejected(() -> Tensor.scalar(1).matmul(matrix()), "matmul", "[]", "[2, 3]");
    }

    @Test
    void reshapesToTheWrongSizeNameTheShapeAndCount() {
        assertRejected(() -> matrix().reshape(5), "reshape", "[5]", "6");
        assertRejected(() -> matrix().view(-1, -1), "view", "-1");
        assertRejected(() -> matrix().view(4, -1), "view", "[4, -1]", "6");
        assertRejected(() -> Tensor.of(new float[] {1, 2, 3}, 2, 2), "Tensor.of", "3", "[2, 2]");
        assertRejected(() -> Tensor.zeros(2, -1), "[2, -1]");
    }

    @Test
    void shapesTooLargeToAddressAreRejectedBeforeAllocating() {
        assertRejected(() -> Tensor.zeros(1L << 32, 1L << 32), "[4294967296, 4294967296]");
        assertRejected(() -> Tensor.ones(DType.FLOAT64, 1L << 62), "[4611686018427387904]");
        // a zero anywhere makes the count 0, however large the other sizes
        assertThat(Tensor.zeros(1L << 40, 1L << 40, 0).numel()).isZero();
    }

    @Test
    void joinsOfMismatchedTensorsNameTheCulprit() {
        assertRejected(() -> Tensor.cat(List.of(matrix(), Tensor.ones(2, 2)), 0), "cat", "[2, 2]");
        assertRejected(() -> Tensor.cat(List.of(matrix(), Tensor.ones(3)), 0), "cat", "[3]");
        assertRejected(() -> Tensor.cat(List.of(), 0), "cat");
        assertRejected(() -> Tensor.stack(List.of(matrix(), Tensor.ones(3, 2)), 0), "stack", "[3, 2]", "[2, 3]");
    }

    @Test
    void dimsOutOfRangeNameTheDimAndTheValidRange() {
        Tensor m = matrix();
        assertRejected(() -> m.sum(2), "sum", "2");
        assertRejected(() -> m.transpose(0, 2), "transpose", "2");
        assertRejected(() -> m.softmax(-3), "softmax", "-3");
        assertRejected(() -> m.unsqueeze(4), "unsqueeze", "4");
        assertRejected(() -> m.argmax(2, false), "argmax", "2");
        assertRejected(() -> m.squeeze(5), "squeeze", "5");
        assertRejected(() -> m.permute(0), "permute", "[0]");
        assertRejected(() -> m.permute(0, 0), "permute", "[0, 0]");
        assertRejected(() -> m.sum(new int[] {1, -1}, false), "sum", "1");
        assertRejected(() -> m.flatten(1, 0), "flatten");
    }

    @Test
    void indicesAndRangesOutOfBoundsNameTheValue() {
        Tensor m = matrix();
        assertRejected(() -> m.select(1, 3), "select", "3");
        assertRejected(() -> m.select(0, -3), "select", "-3");
        assertRejected(() -> m.narrow(1, 2, 2), "narrow", "2");
        assertRejected(() -> m.slice(1, 0, 3, 0), "slice", "0");
        assertRejected(() -> m.item(), "item", "[2, 3]");
        assertRejected(() -> Tensor.arange(0, 10, -1), "arange", "-1");
    }

    @Test
    void aZeroDimTensorHasNoDimToIndex() {
        Tensor s = Tensor.scalar(1);
        assertRejected(() -> s.size(0), "size");
        assertRejected(() -> s.size(-1), "size");
        assertRejected(() -> s.select(0, 0), "select");
        assertRejected(() -> s.narrow(0, 0, 1), "narrow");
        assertRejected(() -> Tensor.cat(List.of(s, s), 0), "cat");
    }

    @Test
    void wrongDTypesNameTheOpAndTheDType() {
        Tensor ints = Tensor.of(new int[] {1, 2, 3});
        assertRejected(() -> ints.softmax(0), "softmax", "INT32");
        assertRejected(() -> ints.mean(), "mean", "INT32");
        assertRejected(ints::var, "var", "INT32");
        assertRejected(() -> Tensor.where(Tensor.ones(3), ints, ints), "where", "FLOAT32");
        assertRejected(() -> matrix().matmul(Tensor.ones(DType.INT64, 3, 1)), "matmul", "FLOAT32", "INT64");
        assertRejected(() -> matrix().gather(1, Tensor.zeros(1, 1)), "gather", "FLOAT32");
        assertRejected(() -> Tensor.of(new boolean[] {true}).neg(), "neg", "BOOL");
        assertRejected(() -> Tensor.ones(DType.INT32, 1, 1, 2, 2).avgPool2d(Window2d.of(2, 2), true), "avgPool2d", "INT32");
        assertRejected(() -> matrix().scatterAdd(0, Tensor.zeros(DType.INT64, 1, 1), Tensor.ones(DType.FLOAT64, 1, 1)),
                "scatterAdd", "FLOAT64", "FLOAT32");
        assertRejected(() -> Tensor.uniform(new Generator(1), 0, 1, DType.INT64, 3), "INT64");
    }

    @Test
    void invalidArgumentsNameTheirValues() {
        assertRejected(() -> matrix().clamp(2, 1), "clamp", "min=2.0", "max=1.0");
        assertRejected(() -> Tensor.of(new long[] {2}).pow(-1), "pow", "-1");
        assertRejected(() -> matrix().var(new int[0], -1, false), "var", "-1");
        assertRejected(() -> Window2d.of(0, 1), "kernelH", "0");
    }

    @Test
    void windowOpsRejectBadInputsByName() {
        Tensor image = Tensor.ones(1, 1, 4, 4);
        assertRejected(() -> Tensor.ones(1, 4, 4).im2col(Window2d.of(2, 1)), "im2col", "[1, 4, 4]");
        assertRejected(() -> image.im2col(Window2d.of(5, 1)), "im2col", "[1, 1, 4, 4]");
        assertRejected(() -> image.maxPool2d(Window2d.of(6, 1)), "maxPool2d");
        assertRejected(() -> image.maxPool2d(Window2d.of(2, 1, 2, 1)), "maxPool2d", "padding");
        assertRejected(() -> image.avgPool2d(Window2d.of(2, 1, 0, 2), true), "avgPool2d", "dilation");
        assertRejected(() -> Tensor.ones(1, 4, 8).col2im(Window2d.of(2, 1), 4, 4), "col2im", "[1, 4, 8]");
        assertRejected(() -> Tensor.ones(1, 4, 1).col2im(Window2d.of(2, 1), 1, 4), "col2im");
    }

    @Test
    void freedTensorsAreRejectedByEveryKindOfOp() {
        Tensor freed = matrix();
        Tensor alive = matrix();
        freed.close();
        assertThatThrownBy(() -> freed.add(1)).isInstanceOf(IllegalStateException.class).hasMessageContainingAll("add", "freed");
        assertThatThrownBy(() -> alive.add(freed)).isInstanceOf(IllegalStateException.class).hasMessageContaining("add");
        assertThatThrownBy(freed::sum).isInstanceOf(IllegalStateException.class).hasMessageContaining("sum");
        assertThatThrownBy(() -> freed.reshape(6)).isInstanceOf(IllegalStateException.class).hasMessageContaining("reshape");
        assertThatThrownBy(() -> freed.matmul(alive.t())).isInstanceOf(IllegalStateException.class).hasMessageContaining("matmul");
        assertThatThrownBy(freed::toFloatArray).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> freed.fill(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("fill");
        assertThatThrownBy(() -> Tensor.cat(List.of(alive, freed), 0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("cat");
    }
}
