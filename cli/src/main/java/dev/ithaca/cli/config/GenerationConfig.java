package dev.ithaca.cli.config;

import dev.ithaca.cli.config.bind.Key;
import dev.ithaca.cli.config.bind.Section;

import java.util.List;

/** Sampling from a trained language model, for {@code ithaca generate} defaults and the pipeline's samples and latency probe. */
@Section(doc = "Text generation with a trained language model: the defaults of `ithaca generate`, and the sample"
        + " generations and latency measurement of `ithaca pipeline`.")
public record GenerationConfig(
        @Key(doc = "Prompts the pipeline continues as samples after training.", defaultValue = "[\"The \"]") List<String> prompts,
        @Key(doc = "Tokens generated per sample.", defaultValue = "64", min = 0) int maxTokens,
        @Key(doc = "Softmax temperature: 0 is greedy, below 1 sharper, above 1 more random.", defaultValue = "0.8", min = 0)
        double temperature,
        @Key(doc = "Sample only among the k most likely tokens (0: all).", defaultValue = "40", min = 0) int topK,
        @Key(doc = "Prompt length of the pipeline's latency measurement, in tokens.", defaultValue = "32", min = 1)
        int latencyPromptTokens,
        @Key(doc = "Tokens generated per latency measurement.", defaultValue = "32", min = 1) int latencyNewTokens,
        @Key(doc = "Timed generations for the latency percentiles (after 2 warmup runs).", defaultValue = "20", min = 1)
        int latencyRuns) {
}
