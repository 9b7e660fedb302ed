package dev.ithaca.tck.nn;

import dev.ithaca.nn.CausalSelfAttention;
import dev.ithaca.nn.GELU;
import dev.ithaca.nn.KeyValueCache;
import dev.ithaca.nn.TransformerBlock;
import dev.ithaca.random.Generator;
import dev.ithaca.tck.BackendConformanceTest;
import dev.ithaca.tck.Samples;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static dev.ithaca.tck.Approx.assertTensor;
import static dev.ithaca.tck.nn.NnSamples.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CausalSelfAttention and the pre-norm TransformerBlock against loops over heads and positions. */
public abstract class AttentionLayerConformance extends BackendConformanceTest {
    private static final int B = 2;
    private static final int T = 5;
    private static final int D = 8;

    private static double[] attention(CausalSelfAttention attn, double[] x, int heads) {
        return NnReference.causalSelfAttention(x, B, T, D, heads, values(attn, "qkv.weight"), values(attn, "qkv.bias"),
                values(attn, "proj.weight"), values(attn, "proj.bias"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void attentionMatchesThePerHeadLoop(int heads) {
        CausalSelfAttention attn = new CausalSelfAttention(D, heads, 0, true, new Generator(heads));
        attn.to(DType.FLOAT64);
        double[] x = Samples.floats(1, B * T * D, -2, 2);
        assertTensor(attn.forward(Tensor.of(x, B, T, D)), new long[] {B, T, D}, attention(attn, x, heads));
    }

    @Test
    void attentionInFloat32MatchesWithinFloatTolerance() {
        CausalSelfAttention attn = new CausalSelfAttention(D, 2, 0, true, new Generator(1));
        double[] x = Samples.floats(2, B * T * D, -2, 2);
        assertTensor(attn.forward(Samples.tensor(DType.FLOAT32, x, B, T, D)), new long[] {B, T, D}, attention(attn, x, 2));
    }

    @Test
    void aPositionNeverSeesTheFuture() {
        CausalSelfAttention attn = new CausalSelfAttention(D, 2, 0, true, new Generator(2));
        attn.to(DType.FLOAT64);
        double[] x = Samples.floats(3, B * T * D, -2, 2);
        double[] changed = x.clone();
        for (int b = 0; b < B; b++) {
            for (int e = 0; e < D; e++) {
                changed[(b * T + T - 1) * D + e] += 3;   // only the last position changes
            }
        }
        double[] before = attn.forward(Tensor.of(x, B, T, D)).toDoubleArray();
        double[] after = attn.forward(Tensor.of(changed, B, T, D)).toDoubleArray();
        for (int b = 0; b < B; b++) {
            int start = b * T * D;
            int last = start + (T - 1) * D;
            assertThat(Arrays.copyOfRange(after, start, last)).containsExactly(Arrays.copyOfRange(before, start, last));
            assertThat(Arrays.copyOfRange(after, last, last + D)).isNotEqualTo(Arrays.copyOfRange(before, last, last + D));
        }
    }

    @Test
    void withoutBiasTheProjectionsHaveOnlyWeights() {
        CausalSelfAttention attn = new CausalSelfAttention(D, 2, 0, false, new Generator(3));
        assertThat(attn.namedParameters().keySet()).containsExactly("qkv.weight", "proj.weight");
        attn.to(DType.FLOAT64);
        double[] x = Samples.floats(4, B * T * D, -2, 2);
        assertTensor(attn.forward(Tensor.of(x, B, T, D)), new long[] {B, T, D},
                NnReference.causalSelfAttention(x, B, T, D, 2, values(attn, "qkv.weight"), null, values(attn, "proj.weight"), null));
    }

    @Test
    void dropoutActsInTrainingOnlyAndIsSeeded() {
        double[] x = Samples.floats(5, B * T * D, -2, 2);
        CausalSelfAttention attn = new CausalSelfAttention(D, 2, 0.5, true, new Generator(4));
        attn.to(DType.FLOAT64);
        double[] trained = attn.forward(Tensor.of(x, B, T, D)).toDoubleArray();
        attn.eval();
        double[] evaluated = attn.forward(Tensor.of(x, B, T, D)).toDoubleArray();
        assertTensor(Tensor.of(evaluated, B, T, D), new long[] {B, T, D}, attention(attn, x, 2));
        assertThat(trained).isNotEqualTo(evaluated);
        // the residual dropout zeroes whole output elements
        assertThat(trained).contains(0.0);
        CausalSelfAttention twin = new CausalSelfAttention(D, 2, 0.5, true, new Generator(4));
        twin.to(DType.FLOAT64);
        assertThat(twin.forward(Tensor.of(x, B, T, D)).toDoubleArray()).containsExactly(trained);
    }

    @Test
    void transformerBlockIsPreNormResidualAttentionThenMlp() {
        TransformerBlock block = new TransformerBlock(D, 2, 0, GELU.Approximation.NONE, new Generator(6));
        block.to(DType.FLOAT64);
        NnSamples.randomize(block, 7, -0.5, 0.5);
        double[] x = Samples.floats(8, B * T * D, -2, 2);
        int rows = B * T;
        double[] ln1 = NnReference.layerNorm(x, rows, D, values(block, "ln1.weight"), values(block, "ln1.bias"), 1e-5);
        double[] attended = NnReference.causalSelfAttention(ln1, B, T, D, 2, values(block, "attn.qkv.weight"),
                values(block, "attn.qkv.bias"), values(block, "attn.proj.weight"), values(block, "attn.proj.bias"));
        double[] h = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            h[i] = x[i] + attended[i];
        }
        double[] ln2 = NnReference.layerNorm(h, rows, D, values(block, "ln2.weight"), values(block, "ln2.bias"), 1e-5);
        double[] hidden = NnReference.linear(ln2, rows, D, values(block, "mlp.0.weight"), values(block, "mlp.0.bias"), 4 * D);
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = NnReference.geluExact(hidden[i]);
        }
        double[] mlp = NnReference.linear(hidden, rows, 4 * D, values(block, "mlp.2.weight"), values(block, "mlp.2.bias"), D);
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = h[i] + mlp[i];
        }
        assertTensor(block.forward(Tensor.of(x, B, T, D)), new long[] {B, T, D}, expected);
    }

    @Test
    void transformerBlockHonoursTheGeluChoice() {
        TransformerBlock exact = new TransformerBlock(D, 2, 0, GELU.Approximation.NONE, new Generator(9));
        TransformerBlock tanh = new TransformerBlock(D, 2, 0, GELU.Approximation.TANH, new Generator(9));
        assertThat(((GELU) tanh.mlp().get(1)).approximation()).isEqualTo(GELU.Approximation.TANH);
        Tensor x = Samples.tensor(DType.FLOAT32, Samples.floats(10, B * T * D, -2, 2), B, T, D);
        assertThat(tanh.forward(x).toDoubleArray()).isNotEqualTo(exact.forward(x).toDoubleArray());
    }

    @Test
    void transformerBlockDropoutActsInTrainingOnlyAndIsSeeded() {
        Tensor x = Samples.tensor(DType.FLOAT32, Samples.floats(11, B * T * D, -2, 2), B, T, D);
        TransformerBlock block = new TransformerBlock(D, 2, 0.3, GELU.Approximation.NONE, new Generator(12));
        TransformerBlock twin = new TransformerBlock(D, 2, 0.3, GELU.Approximation.NONE, new Generator(12));
        TransformerBlock without = new TransformerBlock(D, 2, 0, GELU.Approximation.NONE, new Generator(12));
        double[] trained = block.forward(x).toDoubleArray();
        assertThat(twin.forward(x).toDoubleArray()).containsExactly(trained);
        assertThat(trained).isNotEqualTo(without.forward(x).toDoubleArray());
        block.eval();
        assertThat(block.forward(x).toDoubleArray()).containsExactly(without.forward(x).toDoubleArray());
    }

    @Test
    void aSequenceFedInPiecesThroughAKeyValueCacheGivesTheWholeSequencesOutput() {
        CausalSelfAttention attn = new CausalSelfAttention(D, 2, 0, true, new Generator(15));
        TransformerBlock block = new TransformerBlock(D, 2, 0, GELU.Approximation.TANH, new Generator(16));
        attn.to(DType.FLOAT64);
        block.to(DType.FLOAT64);
        double[] x = Samples.floats(17, B * T * D, -2, 2);
        Tensor whole = Tensor.of(x, B, T, D);
        double[] attnWhole = attn.forward(whole).toDoubleArray();
        double[] blockWhole = block.forward(whole).toDoubleArray();
        // pieces of 2, 1 and T-3 positions: a prompt, one decoded token, then the rest
        long[][] pieces = {{0, 2}, {2, 1}, {3, T - 3}};
        try (KeyValueCache attnCache = new KeyValueCache(); KeyValueCache blockCache = new KeyValueCache()) {
            for (long[] piece : pieces) {
                Tensor part = whole.narrow(1, piece[0], piece[1]);
                assertTensor(attn.forward(part, attnCache), new long[] {B, piece[1], D},
                        positions(attnWhole, piece[0], piece[1]));
                assertTensor(block.forward(part, blockCache), new long[] {B, piece[1], D},
                        positions(blockWhole, piece[0], piece[1]));
                assertThat(attnCache.length()).isEqualTo(piece[0] + piece[1]);
            }
            assertThatThrownBy(() -> attn.forward(Tensor.zeros(DType.FLOAT64, B + 1, 1, D), attnCache))
                    .hasMessageContaining("KeyValueCache").hasMessageContaining("[2, 2, 5, 4]")
                    .hasMessageContaining("[3, 2, 1, 4]");
            attnCache.clear();
            assertThat(attnCache.length()).isZero();
            assertTensor(attn.forward(whole, attnCache), new long[] {B, T, D}, attnWhole);
        }
    }

    /** Positions {@code [start, start + length)} of every batch row of a row-major [B, T, D] array. */
    private static double[] positions(double[] values, long start, long length) {
        double[] out = new double[(int) (B * length * D)];
        for (int b = 0; b < B; b++) {
            System.arraycopy(values, (int) ((b * T + start) * D), out, (int) (b * length * D), (int) (length * D));
        }
        return out;
    }

    @Test
    void transformerBlockWithoutBiasKeepsOnlyWeights() {
        TransformerBlock block = new TransformerBlock(D, 2, 0, GELU.Approximation.NONE, false, new Generator(18));
        assertThat(block.namedParameters().keySet()).containsExactly(
                "ln1.weight", "attn.qkv.weight", "attn.proj.weight", "ln2.weight", "mlp.0.weight", "mlp.2.weight");
        assertThat(block.forward(Tensor.zeros(B, T, D)).toDoubleArray()).as("no bias: zero in, zero out").containsOnly(0.0);
    }

    @Test
    void namesFollowTheLayout() {
        TransformerBlock block = new TransformerBlock(D, 2, 0.1, GELU.Approximation.NONE, new Generator(1));
        assertThat(block.namedParameters().keySet()).containsExactly(
                "ln1.weight", "ln1.bias",
                "attn.qkv.weight", "attn.qkv.bias", "attn.proj.weight", "attn.proj.bias",
                "ln2.weight", "ln2.bias",
                "mlp.0.weight", "mlp.0.bias", "mlp.2.weight", "mlp.2.bias");
        assertThat(block.namedParameters().get("attn.qkv.weight").shape()).containsExactly(3 * D, D);
        assertThat(block.namedParameters().get("mlp.0.weight").shape()).containsExactly(4 * D, D);
        assertThat(block.namedModules().keySet()).contains("attn.attn_dropout", "attn.resid_dropout", "mlp.3");
    }

    @Test
    void rejectsBadArgumentsAndShapes() {
        assertThatThrownBy(() -> new CausalSelfAttention(6, 4)).hasMessageContaining("dModel (6) must be divisible by numHeads (4)");
        assertThatThrownBy(() -> new CausalSelfAttention(0, 1)).hasMessageContaining("dModel").hasMessageContaining("got 0");
        assertThatThrownBy(() -> new CausalSelfAttention(4, 0)).hasMessageContaining("numHeads").hasMessageContaining("got 0");
        assertThatThrownBy(() -> new CausalSelfAttention(4, 2, 1.2, true, null)).hasMessageContaining("dropout")
                .hasMessageContaining("1.2");
        assertThatThrownBy(() -> new TransformerBlock(8, 3)).hasMessageContaining("divisible by numHeads (3)");
        assertThatThrownBy(() -> new TransformerBlock(8, 2, -0.5, GELU.Approximation.NONE, null)).hasMessageContaining("dropout")
                .hasMessageContaining("-0.5");
        assertThatThrownBy(() -> new TransformerBlock(8, 2, 0, null, null)).hasMessageContaining("gelu");
        CausalSelfAttention attn = new CausalSelfAttention(8, 2);
        assertThatThrownBy(() -> attn.forward(Tensor.zeros(2, 8))).hasMessageContaining("[B, T, 8]").hasMessageContaining("[2, 8]");
        assertThatThrownBy(() -> attn.forward(Tensor.zeros(2, 3, 6))).hasMessageContaining("[2, 3, 6]");
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        CausalSelfAttention attn = new CausalSelfAttention(4, 2, 0, true, new Generator(11));
        attn.to(DType.FLOAT64);
        ModuleGradCheck.check(attn, NnSamples.doubles(12, 2, 3, 4));
        TransformerBlock block = new TransformerBlock(4, 2, 0, GELU.Approximation.NONE, new Generator(13));
        block.to(DType.FLOAT64);
        NnSamples.randomize(block, 14, -0.5, 0.5);
        ModuleGradCheck.check(block, NnSamples.doubles(15, 1, 3, 4));
    }

    @Test
    void toStringIsATree() {
        TransformerBlock block = new TransformerBlock(4, 2, 0.1, GELU.Approximation.TANH, new Generator(1));
        assertThat(block.toString()).isEqualTo(String.join("\n",
                "TransformerBlock(",
                "  dModel=4",
                "  (ln1): LayerNorm(normalizedShape=[4], eps=1.0E-5, elementwiseAffine=true, bias=true)",
                "  (attn): CausalSelfAttention(",
                "    dModel=4, numHeads=2",
                "    (qkv): Linear(inFeatures=4, outFeatures=12, bias=true)",
                "    (proj): Linear(inFeatures=4, outFeatures=4, bias=true)",
                "    (attn_dropout): Dropout(p=0.1)",
                "    (resid_dropout): Dropout(p=0.1)",
                "  )",
                "  (ln2): LayerNorm(normalizedShape=[4], eps=1.0E-5, elementwiseAffine=true, bias=true)",
                "  (mlp): Sequential(",
                "    (0): Linear(inFeatures=4, outFeatures=16, bias=true)",
                "    (1): GELU(approximate=tanh)",
                "    (2): Linear(inFeatures=16, outFeatures=4, bias=true)",
                "    (3): Dropout(p=0.1)",
                "  )",
                ")"));
    }
}
