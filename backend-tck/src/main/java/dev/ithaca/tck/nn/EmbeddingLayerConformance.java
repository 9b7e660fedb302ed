package dev.ithaca.tck.nn;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.nn.Embedding;
import dev.ithaca.random.Generator;
import dev.ithaca.tck.BackendConformanceTest;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.ithaca.tck.Approx.assertTensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Embedding}: row lookup for any index shape, N(0, 1) init, the padding row and its zero gradient. */
public abstract class EmbeddingLayerConformance extends BackendConformanceTest {

    private static double[] rows(double[] weight, int dim, long... indices) {
        double[] out = new double[indices.length * dim];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(weight, (int) indices[i] * dim, out, i * dim, dim);
        }
        return out;
    }

    @Test
    void looksUpRowsForAnyIndexShapeAndIntegerType() {
        Embedding embedding = new Embedding(10, 3, new Generator(1));
        double[] weight = embedding.weight().toDoubleArray();
        long[] indices = {4, 0, 9, 4, 2, 7};
        assertTensor(embedding.forward(Tensor.of(indices, 6)), new long[] {6, 3}, rows(weight, 3, indices));
        assertTensor(embedding.forward(Tensor.of(indices, 2, 3)), new long[] {2, 3, 3}, rows(weight, 3, indices));
        assertTensor(embedding.forward(Tensor.of(new int[] {4, 0, 9, 4, 2, 7}, 3, 2)), new long[] {3, 2, 3}, rows(weight, 3, indices));
        assertTensor(embedding.forward(Tensor.of(new long[] {5}).reshape()), new long[] {3}, rows(weight, 3, 5));
    }

    @Test
    void weightStartsStandardNormal() {
        Embedding embedding = new Embedding(1000, 16, new Generator(2));
        assertThat(embedding.weight().shape()).containsExactly(1000, 16);
        double[] w = embedding.weight().toDoubleArray();
        double mean = Arrays.stream(w).average().orElseThrow();
        double std = Math.sqrt(Arrays.stream(w).map(v -> (v - mean) * (v - mean)).sum() / w.length);
        // 16000 samples: standard error of the mean is 0.008, of the std about 0.006
        assertThat(mean).isCloseTo(0, Offset.offset(0.04));
        assertThat(std).isCloseTo(1, Offset.offset(0.03));
    }

    @Test
    void aSeedReproducesTheTable() {
        assertThat(new Embedding(6, 4, new Generator(8)).weight().toDoubleArray())
                .containsExactly(new Embedding(6, 4, new Generator(8)).weight().toDoubleArray())
                .isNotEqualTo(new Embedding(6, 4, new Generator(9)).weight().toDoubleArray());
    }

    @Test
    void thePaddingRowStartsAtZeroAndNegativeIndicesCountFromTheEnd() {
        Embedding embedding = new Embedding(6, 4, 2, new Generator(3));
        assertThat(embedding.paddingIdx()).hasValue(2);
        double[] w = embedding.weight().toDoubleArray();
        assertThat(Arrays.copyOfRange(w, 8, 12)).containsOnly(0.0);
        assertThat(Arrays.copyOfRange(w, 0, 4)).doesNotContain(0.0);
        Embedding fromEnd = new Embedding(6, 4, -1, new Generator(3));
        assertThat(fromEnd.paddingIdx()).hasValue(5);
        assertThat(Arrays.copyOfRange(fromEnd.weight().toDoubleArray(), 20, 24)).containsOnly(0.0);
        assertThat(new Embedding(6, 4, new Generator(3)).paddingIdx()).isEmpty();
    }

    @Test
    void thePaddingRowReadsWhateverItHolds() {
        Embedding embedding = new Embedding(4, 2, 1, new Generator(4));
        try (NoGrad ignored = NoGrad.enter()) {
            embedding.weight().select(0, 1).fill(7);
        }
        assertTensor(embedding.forward(Tensor.of(new long[] {1, 0, 1})), new long[] {3, 2},
                rows(embedding.weight().toDoubleArray(), 2, 1, 0, 1));
    }

    @Test
    void paddingRowGetsNoGradientWhileOtherRowsGetTheirCounts() {
        Embedding embedding = new Embedding(5, 3, 1, new Generator(5));
        embedding.to(DType.FLOAT64);
        Tensor indices = Tensor.of(new long[] {1, 3, 1, 0, 3, 3});
        embedding.forward(indices).sum().backward();
        double[] grad = embedding.weight().grad().toDoubleArray();
        double[] expected = {1, 1, 1, 0, 0, 0, 0, 0, 0, 3, 3, 3, 0, 0, 0};
        assertThat(grad).containsExactly(expected, Offset.offset(1e-12));
        // finite differences see the padding row's value in the output, so they can only check the other rows
        ModuleGradCheck.checkParameters(embedding, Tensor.of(new long[] {3, 0, 4, 2, 3, 0}, 2, 3));
        Embedding plain = new Embedding(5, 3, new Generator(6));
        plain.to(DType.FLOAT64);
        ModuleGradCheck.checkParameters(plain, Tensor.of(new long[] {1, 3, 1, 0, 4, 2}, 2, 3));
    }

    @Test
    void rejectsBadArgumentsAndIndices() {
        assertThatThrownBy(() -> new Embedding(0, 3)).hasMessageContaining("numEmbeddings").hasMessageContaining("got 0");
        assertThatThrownBy(() -> new Embedding(3, 0)).hasMessageContaining("embeddingDim").hasMessageContaining("got 0");
        assertThatThrownBy(() -> new Embedding(3, 2, 3, null)).hasMessageContaining("paddingIdx")
                .hasMessageContaining("[-3, 3)").hasMessageContaining("got 3");
        assertThatThrownBy(() -> new Embedding(3, 2, -4, null)).hasMessageContaining("got -4");
        Embedding embedding = new Embedding(3, 2, new Generator(1));
        assertThatThrownBy(() -> embedding.forward(Tensor.of(new float[] {1}))).hasMessageContaining("INT32 or INT64")
                .hasMessageContaining("FLOAT32");
        assertThatThrownBy(() -> embedding.forward(Tensor.of(new long[] {0, 3}))).isInstanceOf(RuntimeException.class);
    }

    @Test
    void toStringNamesTheArguments() {
        assertThat(new Embedding(10, 4, -1, new Generator(1))).hasToString("Embedding(numEmbeddings=10, embeddingDim=4, paddingIdx=9)");
        assertThat(new Embedding(10, 4, new Generator(1))).hasToString("Embedding(numEmbeddings=10, embeddingDim=4)");
    }
}
