package dev.ithaca.tensor;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShapesTest {

    @Test
    void broadcastAlignsTrailingDimensions() {
        assertThat(Shapes.broadcast("add", new long[] {4, 1, 3}, new long[] {5, 1})).containsExactly(4, 5, 3);
        assertThat(Shapes.broadcast("add", new long[] {}, new long[] {2, 0})).containsExactly(2, 0);
    }

    @Test
    void incompatibleBroadcastNamesTheOpShapesAndDimension() {
        assertThatThrownBy(() -> Shapes.broadcast("mul", new long[] {2, 3}, new long[] {4}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mul: shapes [2, 3] and [4] cannot be broadcast (dimension 1 of the result: 3 vs 4);"
                        + " sizes must be equal or one of them 1");
    }

    @Test
    void dimsNormalizeFromTheEndAndRejectOutOfRange() {
        assertThat(Shapes.normalizeDim("sum", -1, 3)).isEqualTo(2);
        assertThatThrownBy(() -> Shapes.normalizeDim("sum", 3, 3)).hasMessage("sum: dim 3 is out of range for a tensor of rank 3 (valid: -3 to 2)");
        assertThat(Shapes.normalizeDims("sum", new int[] {-1, 0}, 3)).containsExactly(0, 2);
        assertThatThrownBy(() -> Shapes.normalizeDims("sum", new int[] {1, -2}, 3)).hasMessageContaining("more than once");
    }

    @Property
    void broadcastIsCommutative(@ForAll @Size(max = 4) List<@IntRange(min = 1, max = 3) Integer> a,
                                @ForAll @Size(max = 4) List<@IntRange(min = 1, max = 3) Integer> b) {
        long[] sa = a.stream().mapToLong(Integer::longValue).toArray();
        long[] sb = b.stream().mapToLong(Integer::longValue).toArray();
        Throwable ab = null;
        Throwable ba = null;
        long[] r1 = null;
        long[] r2 = null;
        try {
            r1 = Shapes.broadcast("op", sa, sb);
        } catch (IllegalArgumentException e) {
            ab = e;
        }
        try {
            r2 = Shapes.broadcast("op", sb, sa);
        } catch (IllegalArgumentException e) {
            ba = e;
        }
        assertThat(ab == null).isEqualTo(ba == null);
        if (r1 != null) {
            assertThat(r1).containsExactly(r2);
        }
    }

    @Property
    void anyShapeOfTheSameSizeViewsAContiguousLayout(@ForAll @IntRange(min = 1, max = 4) int a, @ForAll @IntRange(min = 1, max = 4) int b,
                                                     @ForAll @IntRange(min = 1, max = 4) int c) {
        long[] from = {a, b, c};
        long[] to = {c, (long) a * b};
        assertThat(ViewOps.computeStrides(from, Shapes.contiguousStrides(from), to)).containsExactly(Shapes.contiguousStrides(to));
    }

    @Test
    void aTransposedMatrixCannotBeFlattenedWithoutACopy() {
        long[] transposedShape = {3, 2};
        long[] transposedStrides = {1, 3};
        assertThat(ViewOps.computeStrides(transposedShape, transposedStrides, new long[] {6})).isNull();
        // inserting a size-1 dim is always a view; PyTorch's algorithm gives it stride 2*3
        assertThat(ViewOps.computeStrides(transposedShape, transposedStrides, new long[] {3, 1, 2})).containsExactly(1, 6, 3);
    }

    @Test
    void inferSizeResolvesOneMinusOne() {
        assertThat(ViewOps.inferSize("view", new long[] {-1, 4}, 12)).containsExactly(3, 4);
        assertThatThrownBy(() -> ViewOps.inferSize("view", new long[] {-1, -1}, 12)).hasMessageContaining("only one dimension can be -1");
        assertThatThrownBy(() -> ViewOps.inferSize("view", new long[] {5, -1}, 12)).hasMessage("view: shape [5, -1] is invalid for 12 elements");
    }
}
