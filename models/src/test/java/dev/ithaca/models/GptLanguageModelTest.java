package dev.ithaca.models;

import dev.ithaca.memory.Scope;
import dev.ithaca.nn.Linear;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.Parameter;
import dev.ithaca.nn.TransformerBlock;
import dev.ithaca.optim.SGD;
import dev.ithaca.nn.GELU;
import dev.ithaca.tck.nn.NnReference;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static dev.ithaca.tck.Approx.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GptLanguageModelTest {
    private static final GptConfig TINY = GptConfig.of(50, 16, 8, 2, 2);

    private static Tensor tokens(long seed, int batch, int time, int vocab) {
        long[] ids = new long[batch * time];
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(vocab);
        }
        return Tensor.of(ids, batch, time);
    }

    @Test
    void logitsCoverEveryPositionAndToken() {
        try (Scope scope = Scope.open(); GptLanguageModel model = new GptLanguageModel(TINY, 1)) {
            Tensor logits = model.forward(tokens(1, 3, 5, 50));
            assertThat(logits.shape()).containsExactly(3, 5, 50);
            assertThat(logits.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(model.forward(tokens(2, 1, 16, 50)).shape()).as("a full context").containsExactly(1, 16, 50);
        }
    }

    @Test
    void forwardMatchesThePlainJavaReference() {
        int batch = 2;
        int time = 6;
        GptConfig config = GptConfig.of(11, 8, 8, 2, 2).withGelu(GELU.Approximation.NONE);
        try (Scope scope = Scope.open(); GptLanguageModel model = new GptLanguageModel(config, 3)) {
            model.to(DType.FLOAT64);
            Tensor ids = tokens(3, batch, time, 11);
            long[] flat = ids.toLongArray();
            int d = 8;
            int rows = batch * time;
            double[] wte = values(model, "token_embedding.weight");
            double[] wpe = values(model, "position_embedding.weight");
            double[] x = new double[rows * d];
            for (int r = 0; r < rows; r++) {
                for (int e = 0; e < d; e++) {
                    x[r * d + e] = wte[(int) flat[r] * d + e] + wpe[(r % time) * d + e];
                }
            }
            for (int i = 0; i < config.numLayers(); i++) {
                String p = "blocks." + i + ".";
                double[] ln1 = NnReference.layerNorm(x, rows, d, values(model, p + "ln1.weight"), values(model, p + "ln1.bias"), 1e-5);
                double[] attended = NnReference.causalSelfAttention(ln1, batch, time, d, 2, values(model, p + "attn.qkv.weight"),
                        values(model, p + "attn.qkv.bias"), values(model, p + "attn.proj.weight"), values(model, p + "attn.proj.bias"));
                add(x, attended);
                double[] ln2 = NnReference.layerNorm(x, rows, d, values(model, p + "ln2.weight"), values(model, p + "ln2.bias"), 1e-5);
                double[] hidden = NnReference.linear(ln2, rows, d, values(model, p + "mlp.0.weight"), values(model, p + "mlp.0.bias"), 4 * d);
                hidden = Arrays.stream(hidden).map(NnReference::geluExact).toArray();
                add(x, NnReference.linear(hidden, rows, 4 * d, values(model, p + "mlp.2.weight"), values(model, p + "mlp.2.bias"), d));
            }
            double[] normed = NnReference.layerNorm(x, rows, d, values(model, "ln_f.weight"), values(model, "ln_f.bias"), 1e-5);
            // the tied head: logits = h · Wteᵀ
            double[] expected = NnReference.linear(normed, rows, d, wte, null, 11);
            assertClose(model.forward(ids).toDoubleArray(), expected, 1e-10);
        }
    }

    private static void add(double[] into, double[] values) {
        for (int i = 0; i < into.length; i++) {
            into[i] += values[i];
        }
    }

    private static double[] values(Module model, String name) {
        Parameter p = model.namedParameters().get(name);
        assertThat(p).as("parameter %s", name).isNotNull();
        return p.toDoubleArray();
    }

    @Test
    void parameterCountMatchesTheFormulaAndTheConfig() {
        try (GptLanguageModel model = new GptLanguageModel(TINY, 1)) {
            // V*d = 50*8 = 400; C*d = 16*8 = 128; per block 12*8² + 13*8 = 768 + 104 = 872, two blocks 1744;
            // final norm 2*8 = 16; the head is tied: 400 + 128 + 1744 + 16 = 2288
            assertThat(model.parameterCount()).isEqualTo(2_288).isEqualTo(TINY.parameterCount());
        }
        try (GptLanguageModel model = new GptLanguageModel(TINY.withBias(false), 1)) {
            // per block 12*8² + 2*8 = 784, two blocks 1568; final norm 8: 400 + 128 + 1568 + 8 = 2104
            assertThat(model.parameterCount()).isEqualTo(2_104).isEqualTo(TINY.withBias(false).parameterCount());
            assertThat(model.namedParameters().keySet()).noneMatch(name -> name.endsWith(".bias"));
        }
    }

    @Test
    void parameterNamesFollowTheLayout() {
        try (GptLanguageModel model = new GptLanguageModel(GptConfig.of(50, 16, 8, 1, 2), 1)) {
            assertThat(model.namedParameters().keySet()).containsExactly(
                    "token_embedding.weight", "position_embedding.weight",
                    "blocks.0.ln1.weight", "blocks.0.ln1.bias",
                    "blocks.0.attn.qkv.weight", "blocks.0.attn.qkv.bias", "blocks.0.attn.proj.weight", "blocks.0.attn.proj.bias",
                    "blocks.0.ln2.weight", "blocks.0.ln2.bias",
                    "blocks.0.mlp.0.weight", "blocks.0.mlp.0.bias", "blocks.0.mlp.2.weight", "blocks.0.mlp.2.bias",
                    "ln_f.weight", "ln_f.bias");
            assertThat(model.stateDict().keySet()).containsExactlyElementsOf(model.namedParameters().keySet());
        }
    }

    @Test
    void initializationIsGpt2s() {
        GptConfig config = GptConfig.of(256, 64, 64, 2, 2);
        try (GptLanguageModel model = new GptLanguageModel(config, 4)) {
            double residual = 0.02 / Math.sqrt(2 * 2);
            assertStd(model.tokenEmbedding().weight(), 0.02);
            assertStd(model.positionEmbedding().weight(), 0.02);
            for (TransformerBlock block : model.blocks()) {
                assertStd(((Linear) block.attention().namedChildren().get("qkv")).weight(), 0.02);
                assertStd(((Linear) block.mlp().get(0)).weight(), 0.02);
                assertStd(((Linear) block.attention().namedChildren().get("proj")).weight(), residual);
                assertStd(((Linear) block.mlp().get(2)).weight(), residual);
            }
            model.namedParameters().forEach((name, p) -> {
                if (name.endsWith(".bias")) {
                    assertThat(p.toFloatArray()).as(name).containsOnly(0f);
                } else if (name.contains("ln")) {
                    assertThat(p.toFloatArray()).as(name).containsOnly(1f);
                }
            });
        }
    }

    private static void assertStd(Tensor weights, double std) {
        double[] v = weights.toDoubleArray();
        double mean = Arrays.stream(v).average().orElseThrow();
        double variance = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).average().orElseThrow();
        assertThat(mean).isCloseTo(0, within(4 * std / Math.sqrt(v.length)));
        assertThat(Math.sqrt(variance)).isCloseTo(std, within(0.05 * std));
    }

    @Test
    void theHeadSharesTheTokenEmbeddingsStorage() {
        try (Scope scope = Scope.open(); GptLanguageModel model = new GptLanguageModel(TINY, 5)) {
            // inputs and targets use tokens 0..9 only: rows 10..49 of the embedding are reached through the head alone
            Tensor input = tokens(6, 2, 8, 10);
            Tensor target = tokens(7, 2, 8, 10);
            float[] before = model.tokenEmbedding().weight().toFloatArray();
            new NextTokenLoss().forward(model.forward(input), target).backward();
            float[] gradient = model.tokenEmbedding().weight().grad().toFloatArray();
            int d = TINY.dModel();
            assertThat(Arrays.copyOfRange(gradient, 10 * d, 50 * d)).as("head gradient on unused rows").isNotEqualTo(new float[40 * d]);
            SGD.builder().lr(0.5).build(model.parameters()).step();
            float[] after = model.tokenEmbedding().weight().toFloatArray();
            assertThat(Arrays.copyOfRange(after, 10 * d, 50 * d)).isNotEqualTo(Arrays.copyOfRange(before, 10 * d, 50 * d));
            assertThat(model.namedParameters()).doesNotContainKey("head.weight").hasSize(TINY.numLayers() * 12 + 4);
        }
    }

    @Test
    void anEarlierPositionNeverSeesALaterToken() {
        try (Scope scope = Scope.open(); GptLanguageModel model = new GptLanguageModel(TINY, 6)) {
            long[] ids = tokens(8, 1, 10, 50).toLongArray();
            for (int changed : new int[] {0, 4, 9}) {
                long[] other = ids.clone();
                other[changed] = (other[changed] + 1) % 50;
                float[] a = model.forward(Tensor.of(ids, 1, 10)).toFloatArray();
                float[] b = model.forward(Tensor.of(other, 1, 10)).toFloatArray();
                int v = 50;
                assertThat(Arrays.copyOfRange(b, 0, changed * v)).as("positions before %d", changed)
                        .containsExactly(Arrays.copyOfRange(a, 0, changed * v), within(1e-6f));
                assertThat(Arrays.copyOfRange(b, changed * v, (changed + 1) * v)).as("position %d", changed)
                        .isNotEqualTo(Arrays.copyOfRange(a, changed * v, (changed + 1) * v));
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameModelAndAnotherSeedAnother() {
        try (Scope scope = Scope.open();
             GptLanguageModel a = new GptLanguageModel(TINY, 9);
             GptLanguageModel b = new GptLanguageModel(TINY, new dev.ithaca.random.Generator(9));
             GptLanguageModel c = new GptLanguageModel(TINY, 10)) {
            assertThat(ModelTesting.weights(a)).usingRecursiveComparison().isEqualTo(ModelTesting.weights(b));
            Tensor ids = tokens(9, 2, 7, 50);
            assertThat(a.forward(ids).toFloatArray()).containsExactly(b.forward(ids).toFloatArray());
            assertThat(a.forward(ids).toFloatArray()).isNotEqualTo(c.forward(ids).toFloatArray());
        }
    }

    @Test
    void dropoutActsOnlyInTrainingMode() {
        try (Scope scope = Scope.open();
             GptLanguageModel withDropout = new GptLanguageModel(TINY.withDropout(0.3), 11);
             GptLanguageModel without = new GptLanguageModel(TINY, 11)) {
            Tensor ids = tokens(10, 2, 8, 50);
            float[] reference = without.forward(ids).toFloatArray();
            withDropout.eval();
            assertThat(withDropout.forward(ids).toFloatArray()).containsExactly(reference);
            withDropout.train();
            assertThat(withDropout.forward(ids).toFloatArray()).isNotEqualTo(reference);
            withDropout.manualSeed(1);
            float[] seeded = withDropout.forward(ids).toFloatArray();
            withDropout.manualSeed(1);
            assertThat(withDropout.forward(ids).toFloatArray()).containsExactly(seeded);
        }
    }

    @Test
    void theGeluChoiceAndBiasChangeTheModel() {
        try (Scope scope = Scope.open();
             GptLanguageModel tanh = new GptLanguageModel(TINY, 12);
             GptLanguageModel exact = new GptLanguageModel(TINY.withGelu(GELU.Approximation.NONE), 12);
             GptLanguageModel noBias = new GptLanguageModel(TINY.withBias(false), 12)) {
            Tensor ids = tokens(11, 1, 8, 50);
            float[] reference = tanh.forward(ids).toFloatArray();
            assertThat(exact.forward(ids).toFloatArray()).isNotEqualTo(reference);
            assertThat(noBias.forward(ids).toFloatArray()).isNotEqualTo(reference);
            assertThat(((GELU) tanh.blocks().get(0).mlp().get(1)).approximation()).isEqualTo(GELU.Approximation.TANH);
            assertThat(((GELU) exact.blocks().get(0).mlp().get(1)).approximation()).isEqualTo(GELU.Approximation.NONE);
        }
    }

    @Test
    void badTokensAreRejectedWithTheLimits() {
        try (Scope scope = Scope.open(); GptLanguageModel model = new GptLanguageModel(TINY, 13)) {
            assertThatThrownBy(() -> model.forward(tokens(1, 1, 17, 50)))
                    .hasMessage("GptLanguageModel: sequence length T=17 must be in [1, contextLength=16];"
                            + " crop the input to its last 16 tokens");
            assertThatThrownBy(() -> model.forward(Tensor.of(new long[0], 1, 0))).hasMessageContaining("T=0");
            assertThatThrownBy(() -> model.forward(Tensor.zeros(1, 4))).hasMessageContaining("token ids [B, T] (INT64)")
                    .hasMessageContaining("FLOAT32[1, 4]");
            assertThatThrownBy(() -> model.forward(Tensor.of(new long[] {1, 2}, 2))).hasMessageContaining("INT64[2]");
            assertThat(model.forward(Tensor.of(new int[] {1, 2, 3}, 1, 3)).shape()).as("INT32 ids work too").containsExactly(1, 3, 50);
            assertThatThrownBy(() -> model.forward(Tensor.of(new long[] {3, 50}, 1, 2)))
                    .hasMessageStartingWith("GptLanguageModel: token ids must be in [0, vocabSize=50): ").hasMessageContaining("50");
        }
    }

    @Test
    void saveAndLoadRoundTripGivesIdenticalLogits(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gpt.safetensors");
        try (Scope scope = Scope.open();
             GptLanguageModel saved = new GptLanguageModel(TINY, 14);
             GptLanguageModel loaded = new GptLanguageModel(TINY, 15)) {
            saved.save(file);
            loaded.load(file);
            Tensor ids = tokens(12, 2, 9, 50);
            assertThat(loaded.forward(ids).toFloatArray()).containsExactly(saved.forward(ids).toFloatArray());
            Map<String, Tensor> state = loaded.stateDict();
            assertThat(state).hasSize(saved.stateDict().size());
        }
    }
}
