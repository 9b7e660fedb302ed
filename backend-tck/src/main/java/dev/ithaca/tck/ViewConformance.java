package dev.ithaca.tck;

import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ithaca.tck.Approx.assertTensor;
import static dev.ithaca.tck.Samples.iota;
import static dev.ithaca.tck.Samples.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Layout ops: views must share storage (no copy), and whatever strides and offsets they produce,
 * every kernel reading them must see the right elements. Values come from {@code iota}, so a wrong
 * element shows up as a wrong number.
 */
public abstract class ViewConformance extends BackendConformanceTest {

    /** [2, 3, 4] holding 0..23. */
    private static Tensor cube() {
        return tensor(DType.FLOAT32, iota(24), 2, 3, 4);
    }

    private static void assertSharesStorage(Tensor view, Tensor base) {
        assertThat(view.strided().storage()).as("storage of the view").isSameAs(base.strided().storage());
    }

    @Test
    void viewReshapesWithoutCopying() {
        Tensor base = tensor(DType.FLOAT32, iota(12), 12);
        Tensor v = base.view(3, 4);
        assertTensor(v, new long[] {3, 4}, iota(12));
        assertSharesStorage(v, base);
    }

    @Test
    void writesThroughAViewAreSeenByTheBase() {
        Tensor base = Tensor.zeros(2, 3);
        base.view(6).narrow(0, 1, 2).fill(5);
        assertTensor(base, new long[] {2, 3}, 0, 5, 5, 0, 0, 0);
    }

    @Test
    void minusOneInfersOneSize() {
        Tensor base = cube();
        assertThat(base.view(-1, 4).shape()).containsExactly(6, 4);
        assertThat(base.reshape(2, -1, 2).shape()).containsExactly(2, 6, 2);
        assertThat(base.reshape(-1).shape()).containsExactly(24);
    }

    @Test
    void viewOfATransposeFailsWhileReshapeCopies() {
        Tensor base = tensor(DType.FLOAT32, iota(6), 2, 3);
        Tensor transposed = base.t();
        assertThatThrownBy(() -> transposed.view(6)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("view");
        Tensor flat = transposed.reshape(6);
        assertTensor(flat, new long[] {6}, 0, 3, 1, 4, 2, 5);
        assertThat(flat.strided().storage()).isNotSameAs(base.strided().storage());
    }

    @Test
    void reshapeOfAnExpandedTensorCopiesItsRepeatedValues() {
        Tensor expanded = tensor(DType.FLOAT32, new double[] {1, 2, 3}, 3, 1).expand(3, 2);
        assertThatThrownBy(() -> expanded.view(6)).isInstanceOf(IllegalArgumentException.class);
        assertTensor(expanded.reshape(6), new long[] {6}, 1, 1, 2, 2, 3, 3);
        assertTensor(expanded.reshape(3, 2, 1), new long[] {3, 2, 1}, 1, 1, 2, 2, 3, 3);
    }

    @Test
    void viewCanSplitADimOfANonContiguousTensorWhenStridesAllow() {
        // a [4, 6] tensor sliced to every second column: splitting the row dim is still a view
        Tensor base = tensor(DType.FLOAT32, iota(24), 4, 6).slice(1, 0, 6, 2);
        Tensor v = base.view(2, 2, 3);
        assertSharesStorage(v, base);
        assertTensor(v, new long[] {2, 2, 3}, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22);
    }

    @Test
    void transposeSwapsTwoDims() {
        Tensor t = cube().transpose(0, 2);
        assertTensor(t, new long[] {4, 3, 2}, Reference.permute(iota(24), new long[] {2, 3, 4}, 2, 1, 0));
        assertThat(t.isContiguous()).isFalse();
    }

    @Test
    void permuteReordersDimsAndSharesStorage() {
        Tensor base = cube();
        Tensor p = base.permute(1, 2, 0);
        assertTensor(p, new long[] {3, 4, 2}, Reference.permute(iota(24), new long[] {2, 3, 4}, 1, 2, 0));
        assertSharesStorage(p, base);
        assertTensor(base.permute(-1, 0, 1), new long[] {4, 2, 3}, Reference.permute(iota(24), new long[] {2, 3, 4}, 2, 0, 1));
    }

    @Test
    void tTransposesMatricesAndLeavesVectorsAlone() {
        assertTensor(tensor(DType.FLOAT32, iota(6), 2, 3).t(), new long[] {3, 2}, 0, 3, 1, 4, 2, 5);
        assertTensor(tensor(DType.FLOAT32, iota(3), 3).t(), new long[] {3}, 0, 1, 2);
    }

    @Test
    void narrowTakesARangeAndSharesStorage() {
        Tensor base = cube();
        Tensor n = base.narrow(1, 1, 2);
        assertTensor(n, new long[] {2, 2, 4}, 4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23);
        assertSharesStorage(n, base);
        assertThat(n.storageOffset()).isEqualTo(4);
        assertTensor(base.narrow(2, -2, 2).narrow(0, 1, 1), new long[] {1, 3, 2}, 14, 15, 18, 19, 22, 23);
    }

    @Test
    void sliceTakesEveryStepThElementAndClampsBounds() {
        Tensor base = tensor(DType.FLOAT32, iota(16), 2, 8);
        assertTensor(base.slice(1, 1, 100, 3), new long[] {2, 3}, 1, 4, 7, 9, 12, 15);
        assertTensor(base.slice(1, -3, 8, 1), new long[] {2, 3}, 5, 6, 7, 13, 14, 15);
        assertThat(base.slice(1, 5, 2, 1).shape()).containsExactly(2, 0);
    }

    @Test
    void selectRemovesTheIndexedDim() {
        Tensor base = cube();
        assertTensor(base.select(1, 2), new long[] {2, 4}, 8, 9, 10, 11, 20, 21, 22, 23);
        assertTensor(base.select(2, -1), new long[] {2, 3}, 3, 7, 11, 15, 19, 23);
        assertTensor(base.select(0, 1).select(0, 0), new long[] {4}, 12, 13, 14, 15);
    }

    @Test
    void expandRepeatsSizeOneDimsWithStrideZero() {
        Tensor column = tensor(DType.FLOAT32, new double[] {1, 2, 3}, 3, 1);
        Tensor e = column.expand(2, 3, 4);
        assertThat(e.strides()[0]).isZero();
        assertThat(e.strides()[2]).isZero();
        assertSharesStorage(e, column);
        assertTensor(e, new long[] {2, 3, 4}, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3);
        assertThat(column.expand(-1, 5).shape()).containsExactly(3, 5);
        assertThat(column.expandAs(Tensor.zeros(3, 2)).shape()).containsExactly(3, 2);
    }

    @Test
    void squeezeAndUnsqueezeChangeOnlySizeOneDims() {
        Tensor base = tensor(DType.FLOAT32, iota(6), 1, 2, 1, 3);
        assertThat(base.squeeze().shape()).containsExactly(2, 3);
        assertThat(base.squeeze(0).shape()).containsExactly(2, 1, 3);
        assertThat(base.squeeze(1).shape()).containsExactly(1, 2, 1, 3);
        Tensor v = tensor(DType.FLOAT32, iota(3), 3);
        assertThat(v.unsqueeze(0).shape()).containsExactly(1, 3);
        assertThat(v.unsqueeze(1).shape()).containsExactly(3, 1);
        assertThat(v.unsqueeze(-1).shape()).containsExactly(3, 1);
        assertTensor(v.unsqueeze(0).expand(2, 3), new long[] {2, 3}, 0, 1, 2, 0, 1, 2);
        assertSharesStorage(base.squeeze(), base);
    }

    @Test
    void flattenMergesARangeOfDims() {
        Tensor base = tensor(DType.FLOAT32, iota(120), 2, 3, 4, 5);
        assertThat(base.flatten().shape()).containsExactly(120);
        assertThat(base.flatten(1, 2).shape()).containsExactly(2, 12, 5);
        assertThat(base.flatten(-2, -1).shape()).containsExactly(2, 3, 20);
        assertThat(Tensor.scalar(4).flatten().shape()).containsExactly(1);
        assertTensor(base.permute(0, 3, 1, 2).flatten(2, 3).select(1, 1).select(0, 0), new long[] {12},
                1, 6, 11, 16, 21, 26, 31, 36, 41, 46, 51, 56);
    }

    @Test
    void contiguousCopiesOnlyWhenNeeded() {
        Tensor base = tensor(DType.FLOAT32, iota(6), 2, 3);
        assertSharesStorage(base.contiguous(), base);
        Tensor c = base.t().contiguous();
        assertThat(c.isContiguous()).isTrue();
        assertThat(c.strides()).containsExactly(2, 1);
        assertThat(c.strided().storage()).isNotSameAs(base.strided().storage());
        assertTensor(c, new long[] {3, 2}, 0, 3, 1, 4, 2, 5);
    }

    @Test
    void zeroDimTensorsReshapeAndUnsqueeze() {
        Tensor s = Tensor.scalar(5);
        assertTensor(s.reshape(1, 1), new long[] {1, 1}, 5);
        assertTensor(s.unsqueeze(0), new long[] {1}, 5);
        assertTensor(s.expand(2, 2), new long[] {2, 2}, 5, 5, 5, 5);
        assertTensor(Tensor.of(new float[] {5}, 1, 1).reshape(), new long[0], 5);
    }

    @Test
    void catJoinsAlongAnExistingDim() {
        Tensor a = tensor(DType.FLOAT32, iota(6), 2, 3);
        Tensor b = tensor(DType.FLOAT32, new double[] {10, 11}, 2, 1);
        assertTensor(Tensor.cat(List.of(a, b), 1), new long[] {2, 4}, 0, 1, 2, 10, 3, 4, 5, 11);
        assertTensor(Tensor.cat(List.of(a, a), -2), new long[] {4, 3}, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5);
    }

    @Test
    void catReadsNonContiguousPiecesAndSkipsEmptyOnes() {
        Tensor a = tensor(DType.FLOAT32, iota(6), 2, 3).t();
        Tensor empty = Tensor.zeros(0, 2);
        assertTensor(Tensor.cat(List.of(empty, a, empty), 0), new long[] {3, 2}, 0, 3, 1, 4, 2, 5);
    }

    @Test
    void catPromotesToTheWidestDType() {
        Tensor joined = Tensor.cat(List.of(Tensor.of(new int[] {1, 2}), Tensor.of(new float[] {0.5f})), 0);
        assertThat(joined.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(joined.toFloatArray()).containsExactly(1f, 2f, 0.5f);
    }

    @Test
    void stackJoinsAlongANewDim() {
        Tensor a = tensor(DType.FLOAT32, new double[] {1, 2, 3}, 3);
        Tensor b = tensor(DType.FLOAT32, new double[] {4, 5, 6}, 3);
        assertTensor(Tensor.stack(List.of(a, b), 0), new long[] {2, 3}, 1, 2, 3, 4, 5, 6);
        assertTensor(Tensor.stack(List.of(a, b), 1), new long[] {3, 2}, 1, 4, 2, 5, 3, 6);
        assertTensor(Tensor.stack(List.of(a, b), -1), new long[] {3, 2}, 1, 4, 2, 5, 3, 6);
    }

    @Property(tries = 50)
    void reshapeRoundTripsThroughAnyFactorisation(@ForAll @IntRange(min = 1, max = 5) int a,
                                                  @ForAll @IntRange(min = 1, max = 5) int b,
                                                  @ForAll @IntRange(min = 1, max = 5) int c) {
        double[] values = iota(a * b * c);
        Tensor x = tensor(DType.FLOAT32, values, a, b, c);
        // through a transposed (non-viewable) layout and back
        Tensor back = x.transpose(0, 2).reshape(-1).reshape(c, b, a).transpose(0, 2);
        assertTensor(back, new long[] {a, b, c}, values);
        assertTensor(x.reshape(b, -1).reshape(a, b, c), new long[] {a, b, c}, values);
    }

    @Property(tries = 30)
    void permuteFollowedByItsInverseIsTheIdentity(@ForAll @IntRange(min = 1, max = 4) int a,
                                                 @ForAll @IntRange(min = 1, max = 4) int b,
                                                 @ForAll @IntRange(min = 1, max = 4) int c,
                                                 @ForAll @IntRange(min = 0, max = 5) int which) {
        int[][] perms = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        int[] p = perms[which];
        int[] inverse = new int[3];
        for (int i = 0; i < 3; i++) {
            inverse[p[i]] = i;
        }
        double[] values = iota(a * b * c);
        long[] shape = {a, b, c};
        Tensor x = tensor(DType.FLOAT32, values, shape);
        assertTensor(x.permute(p).contiguous(), new long[] {shape[p[0]], shape[p[1]], shape[p[2]]},
                Reference.permute(values, shape, p));
        assertTensor(x.permute(p).permute(inverse), shape, values);
    }
}
