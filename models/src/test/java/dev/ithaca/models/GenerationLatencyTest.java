package dev.ithaca.models;

import dev.ithaca.random.Generator;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures the product target "32 new tokens from a 32-token prompt" on the small reference model
 * (vocab 2048, context 128, dModel 128, 4 layers, 4 heads) and logs p50 / p95. It asserts only that
 * generation ran: timings belong to benchmarks, not to a pass/fail unit test on a shared machine.
 */
class GenerationLatencyTest {
    private static final Logger LOG = LoggerFactory.getLogger(GenerationLatencyTest.class);
    private static final int WARMUP = 3;
    private static final int RUNS = Integer.getInteger("ithaca.models.latencyRuns", 10);

    @Test
    void logsTheLatencyOf32NewTokensFromA32TokenPrompt() {
        GptConfig config = GptConfig.of(2048, 128, 128, 4, 4);
        try (GptLanguageModel model = new GptLanguageModel(config, 0)) {
            long[] prompt = new long[32];
            for (int i = 0; i < prompt.length; i++) {
                prompt[i] = (i * 37L) % config.vocabSize();
            }
            Sampling sampling = new Sampling(0.8, 40);
            double[] millis = new double[RUNS];
            for (int run = -WARMUP; run < RUNS; run++) {
                long start = System.nanoTime();
                long[] out = model.generate(prompt, 32, sampling, new Generator(run));
                long elapsed = System.nanoTime() - start;
                assertThat(out).hasSize(64);
                if (run >= 0) {
                    millis[run] = elapsed / 1e6;
                }
            }
            Arrays.sort(millis);
            LOG.info("generate 32 tokens from a 32-token prompt ({} params, {} runs): p50 {} ms, p95 {} ms, max {} ms",
                    config.parameterCount(), RUNS, String.format("%.1f", percentile(millis, 0.50)),
                    String.format("%.1f", percentile(millis, 0.95)), String.format("%.1f", millis[RUNS - 1]));
        }
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
