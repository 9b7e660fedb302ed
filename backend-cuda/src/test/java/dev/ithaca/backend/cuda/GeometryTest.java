package dev.ithaca.backend.cuda;

import dev.ithaca.tensor.DType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Coalescing, the kernels' offset arithmetic, splitting of high-rank walks and the struct layout. */
class GeometryTest {

    /** Offsets of every element, by plain nested iteration over the original (uncoalesced) shape. */
    private static long[] bruteForceOffsets(long[] shape, long[] strides) {
        int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        long[] offsets = new long[n];
        long[] index = new long[shape.length];
        for (int i = 0; i < n; i++) {
            long off = 0;
            for (int d = 0; d < shape.length; d++) {
                off += index[d] * strides[d];
            }
            offsets[i] = off;
            for (int d = shape.length - 1; d >= 0 && ++index[d] == shape[d]; d--) {
                index[d] = 0;
            }
        }
        return offsets;
    }

    @Test
    void contiguousOperandsBecomeOneDimension() {
        Geometry g = Geometry.of(FakeStrided.contiguous(DType.FLOAT32, 2, 3, 4), FakeStrided.contiguous(DType.FLOAT32, 2, 3, 4));
        assertThat(g.rank()).isEqualTo(1);
        assertThat(g.size(0)).isEqualTo(24);
        assertThat(g.stride(0, 0)).isEqualTo(1);
        assertThat(g.stride(1, 0)).isEqualTo(1);
    }

    @Test
    void sizeOneDimsDropAndBroadcastDimsStaySeparate() {
        // out [2, 1, 3] contiguous, b broadcast along dim 0 (stride 0)
        Geometry g = Geometry.of(new long[] {2, 1, 3}, new long[] {3, 3, 1}, new long[] {0, 99, 1});
        assertThat(g.rank()).isEqualTo(2);
        assertThat(g.size(0)).isEqualTo(2);
        assertThat(g.size(1)).isEqualTo(3);
        assertThat(g.stride(1, 0)).isZero();
    }

    @Test
    void aScalarIsRankZeroWithOneElement() {
        Geometry g = Geometry.of(new long[0], new long[0]);
        assertThat(g.rank()).isZero();
        assertThat(g.numel()).isEqualTo(1);
        assertThat(g.offset(0, 0)).isZero();
        assertThat(g.words()[0]).isZero();
        assertThat(g.words()[1]).isEqualTo(1);
    }

    @Test
    void offsetsMatchNestedIterationForRandomViews() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 300; trial++) {
            int rank = random.nextInt(0, 6);
            long[] shape = new long[rank];
            for (int d = 0; d < rank; d++) {
                shape[d] = random.nextInt(1, 5);
            }
            int operands = random.nextInt(1, Geometry.MAX_OPERANDS + 1);
            long[][] strides = new long[operands][rank];
            for (int k = 0; k < operands; k++) {
                long[] contiguous = dev.ithaca.tensor.Shapes.contiguousStrides(shape);
                for (int d = 0; d < rank; d++) {
                    // contiguous, broadcast (0), transposed-ish (scaled) or negative-free arbitrary strides
                    strides[k][d] = switch (random.nextInt(4)) {
                        case 0 -> contiguous[d];
                        case 1 -> 0;
                        case 2 -> contiguous[d] * 3;
                        default -> random.nextInt(1, 50);
                    };
                }
            }
            Geometry g = Geometry.of(shape, strides);
            assertThat(g.numel()).isEqualTo(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
            for (int k = 0; k < operands; k++) {
                long[] expected = bruteForceOffsets(shape, strides[k]);
                for (int i = 0; i < expected.length; i++) {
                    assertThat(g.offset(k, i)).as("operand %d element %d of %s", k, i, g).isEqualTo(expected[i]);
                }
            }
        }
    }

    @Test
    void highRankWalksSplitIntoPiecesThatCoverEveryElementOnce() {
        int rank = Geometry.MAX_DIMS + 2;
        long[] shape = new long[rank];
        Arrays.fill(shape, 2);
        long[] a = dev.ithaca.tensor.Shapes.contiguousStrides(shape);
        long[] b = new long[rank];
        for (int d = 0; d < rank; d++) {
            b[d] = a[rank - 1 - d];   // a permutation: nothing coalesces
        }
        Geometry g = Geometry.of(shape, a, b);
        assertThat(g.rank()).isEqualTo(rank);
        List<Geometry.Piece> pieces = g.pieces();
        assertThat(pieces).hasSize(4);
        List<Long> offsetsA = new ArrayList<>();
        List<Long> offsetsB = new ArrayList<>();
        for (Geometry.Piece piece : pieces) {
            assertThat(piece.geometry().rank()).isEqualTo(Geometry.MAX_DIMS);
            for (long i = 0; i < piece.geometry().numel(); i++) {
                offsetsA.add(piece.offsets()[0] + piece.geometry().offset(0, i));
                offsetsB.add(piece.offsets()[1] + piece.geometry().offset(1, i));
            }
        }
        long[] expectedA = bruteForceOffsets(shape, a);
        long[] expectedB = bruteForceOffsets(shape, b);
        assertThat(offsetsA).containsExactly(Arrays.stream(expectedA).boxed().toArray(Long[]::new));
        assertThat(offsetsB).containsExactly(Arrays.stream(expectedB).boxed().toArray(Long[]::new));
        Set<Long> distinct = new HashSet<>(offsetsB);
        assertThat(distinct).hasSize(1 << rank);
        assertThatThrownBy(g::words).isInstanceOf(IllegalStateException.class).hasMessageContaining("pieces()");
    }

    @Test
    void wordsFollowTheCudaStructLayout() {
        Geometry g = Geometry.of(new long[] {4, 5}, new long[] {1, 4}, new long[] {5, 1});
        long[] words = g.words();
        assertThat(words).hasSize(Geometry.WORDS);
        assertThat(words[0]).isEqualTo(2);
        assertThat(words[1]).isEqualTo(20);
        assertThat(Arrays.copyOfRange(words, 2, 4)).containsExactly(4, 5);
        int strides = 2 + Geometry.MAX_DIMS;
        assertThat(Arrays.copyOfRange(words, strides, strides + 2)).containsExactly(1, 4);
        assertThat(Arrays.copyOfRange(words, strides + Geometry.MAX_DIMS, strides + Geometry.MAX_DIMS + 2)).containsExactly(5, 1);
        assertThat(Arrays.copyOfRange(words, strides + 2 * Geometry.MAX_DIMS, Geometry.WORDS)).containsOnly(0L);
    }

    @Test
    void operandCountIsBounded() {
        assertThatThrownBy(() -> Geometry.of(new long[] {1}, new long[7][1])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("1 to 6", "7");
    }
}
