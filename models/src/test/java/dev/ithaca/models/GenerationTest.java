package dev.ithaca.models;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.memory.Scope;
import dev.ithaca.random.Generator;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenerationTest {
    private static final GptConfig CONFIG = GptConfig.of(32, 16, 16, 2, 2);
    private static GptLanguageModel model;

    @BeforeAll
    static void build() {
        model = new GptLanguageModel(CONFIG, 21);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static long[] prompt(int length) {
        return LongStream.range(0, length).map(i -> (i * 7 + 3) % CONFIG.vocabSize()).toArray();
    }

    /** Greedy decoding by full forward passes over the window of the last contextLength tokens, as nanoGPT does. */
    private static long[] greedyByRecomputing(long[] prompt, int maxNewTokens) {
        long[] sequence = Arrays.copyOf(prompt, prompt.length + maxNewTokens);
        try (NoGrad ignored = NoGrad.enter()) {
            for (int n = prompt.length; n < sequence.length; n++) {
                int start = Math.max(0, n - CONFIG.contextLength());
                try (Scope step = Scope.open()) {
                    Tensor logits = model.forward(Tensor.of(Arrays.copyOfRange(sequence, start, n), 1, n - start));
                    sequence[n] = logits.select(1, n - start - 1).argmax(-1, false).toLongArray()[0];
                }
            }
        }
        return sequence;
    }

    @ParameterizedTest(name = "prompt {0}, {1} new tokens")
    @CsvSource({"1, 8", "5, 6", "10, 12", "20, 5"})
    void greedyDecodingWithTheCacheEqualsRecomputingEveryStep(int promptLength, int newTokens) {
        // 10 + 12 crosses the context of 16 (cached steps, then a sliding window); 20 starts cropped
        long[] prompt = prompt(promptLength);
        long[] generated = model.generate(prompt, newTokens, Sampling.greedy(), null);
        assertThat(generated).hasSize(promptLength + newTokens).startsWith(prompt);
        assertThat(generated).containsExactly(greedyByRecomputing(prompt, newTokens));
    }

    @Test
    void topOneSamplingAndAColdTemperatureAreGreedy() {
        long[] greedy = model.generate(prompt(4), 10, Sampling.greedy(), null);
        assertThat(model.generate(prompt(4), 10, new Sampling(1.5, 1), new Generator(1))).containsExactly(greedy);
        assertThat(model.generate(prompt(4), 10, Sampling.ofTemperature(1e-6), new Generator(1))).containsExactly(greedy);
    }

    @Test
    void seededSamplingIsReproducible() {
        Sampling sampling = new Sampling(2.0, 0);
        long[] first = model.generate(prompt(3), 20, sampling, new Generator(5));
        assertThat(model.generate(prompt(3), 20, sampling, new Generator(5))).containsExactly(first);
        assertThat(model.generate(prompt(3), 20, sampling, new Generator(6))).isNotEqualTo(first);
        assertThat(first).isNotEqualTo(model.generate(prompt(3), 20, Sampling.greedy(), null));
    }

    @Test
    void topKKeepsDrawsAmongTheMostLikelyTokens() {
        long[] prompt = prompt(3);
        float[] logits;
        try (Scope scope = Scope.open(); NoGrad ignored = NoGrad.enter()) {
            logits = model.forward(Tensor.of(prompt, 1, 3)).select(1, 2).toFloatArray();
        }
        int[] topThree = TokenSampler.topK(logits, 3);
        for (int seed = 0; seed < 20; seed++) {
            long next = model.generate(prompt, 1, new Sampling(5.0, 3), new Generator(seed))[3];
            assertThat(topThree).contains((int) next);
        }
    }

    @Test
    void generationRunsInEvalModeWithoutGradientsAndRestoresTheMode() {
        try (GptLanguageModel dropout = new GptLanguageModel(CONFIG.withDropout(0.5), 21)) {
            dropout.train();
            long[] inTraining = dropout.generate(prompt(4), 8, Sampling.greedy(), null);
            assertThat(dropout.isTraining()).isTrue();
            assertThat(inTraining).as("no dropout while generating").containsExactly(model.generate(prompt(4), 8, Sampling.greedy(), null));
            dropout.eval();
            dropout.generate(prompt(4), 2, Sampling.greedy(), null);
            assertThat(dropout.isTraining()).isFalse();
            assertThat(dropout.parameters()).allSatisfy(p -> assertThat(p.grad()).isNull());
        }
    }

    @Test
    void generationLeavesNoTensorsBehind() {
        var backend = model.tokenEmbedding().weight().backend();
        model.generate(prompt(3), 20, Sampling.ofTemperature(1), new Generator(2));
        long before = backend.memoryStats().liveBytes();
        model.generate(prompt(3), 20, Sampling.ofTemperature(1), new Generator(2));
        assertThat(backend.memoryStats().liveBytes()).isEqualTo(before);
    }

    @Test
    void intTokenIdsWorkTheSame() {
        int[] prompt = Arrays.stream(prompt(5)).mapToInt(Math::toIntExact).toArray();
        assertThat(Arrays.stream(model.generate(prompt, 4, Sampling.greedy(), null)).asLongStream().toArray())
                .containsExactly(model.generate(prompt(5), 4, Sampling.greedy(), null));
        assertThat(model.generate(prompt(5), 0, Sampling.greedy(), null)).containsExactly(prompt(5));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> model.generate(new long[0], 3, Sampling.greedy(), null))
                .hasMessage("GptLanguageModel.generate: prompt must hold at least one token, got none");
        assertThatThrownBy(() -> model.generate(new long[] {1, 32}, 3, Sampling.greedy(), null))
                .hasMessage("GptLanguageModel.generate: prompt[1]=32 is not a token id in [0, vocabSize=32)");
        assertThatThrownBy(() -> model.generate(new long[] {-1}, 3, Sampling.greedy(), null))
                .hasMessageContaining("prompt[0]=-1");
        assertThatThrownBy(() -> model.generate(prompt(2), -1, Sampling.greedy(), null))
                .hasMessage("GptLanguageModel.generate: maxNewTokens must be >= 0, got -1");
        assertThatThrownBy(() -> model.generate(prompt(2), 3, Sampling.ofTemperature(0.8), null))
                .hasMessageContaining("needs a generator").hasMessageContaining("temperature=0.8");
    }
}
