package dev.ithaca.cli.build;

import dev.ithaca.cli.CliException;
import dev.ithaca.cli.ExitCode;
import dev.ithaca.cli.config.DataConfig;
import dev.ithaca.cli.config.ModelConfig;
import dev.ithaca.cli.config.RunConfig;
import dev.ithaca.cli.config.TokenizerConfig;
import dev.ithaca.data.TextCorpus;
import dev.ithaca.data.text.BpeTrainer;
import dev.ithaca.data.text.CharTokenizer;
import dev.ithaca.data.text.CorpusSplit;
import dev.ithaca.data.text.TokenWindows;
import dev.ithaca.data.text.Tokenizer;
import dev.ithaca.data.text.TokenizerFormatException;
import dev.ithaca.data.text.Tokenizers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The steps from text files to next-token windows: read, split, tokenize, cut into windows. */
public final class LanguageData {
    private LanguageData() {
    }

    /** Reads the corpus; a missing, unreadable or non-UTF-8 file is a data error (exit code 2). */
    public static TextCorpus read(List<Path> paths) {
        if (paths.isEmpty()) {
            throw CliException.usage("data.paths is empty: give the corpus files or directories in the config or with"
                    + " --set data.paths=[corpus/] (the pipeline takes --corpus-path)");
        }
        try {
            TextCorpus corpus = TextCorpus.of(paths);
            if (corpus.text().isBlank()) {
                throw CliException.data("the corpus " + paths + " holds no text", null);
            }
            return corpus;
        } catch (UncheckedIOException e) {
            throw CliException.data("cannot read the corpus: " + e.getMessage(), e);
        }
    }

    /** The deterministic train/validation split of the corpus text (cut at line starts), or all of it for training. */
    public static CorpusSplit.Parts<String> split(String text, double validationFraction, long seed) {
        if (validationFraction == 0) {
            return new CorpusSplit.Parts<>(text, "");
        }
        CorpusSplit.Parts<String> parts = new CorpusSplit(validationFraction, seed).split(text);
        if (parts.validation().isEmpty() || parts.train().isEmpty()) {
            throw CliException.data("the corpus is too short to hold out " + validationFraction + " of it for validation"
                    + " (it needs at least two lines)", null);
        }
        return parts;
    }

    /** Trains the configured tokenizer on the training text. */
    public static Tokenizer train(TokenizerConfig config, String trainText) {
        return switch (config.type()) {
            case BPE -> new BpeTrainer(config.vocabSize()).withMinPairFrequency(config.minPairFrequency()).train(trainText);
            case CHAR -> CharTokenizer.train(trainText);
        };
    }

    /** Loads a saved tokenizer; a corrupt file fails with exit code 4, a missing one with 2. */
    public static Tokenizer load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw CliException.data("tokenizer file not found: " + file.toAbsolutePath(), null);
        }
        try {
            return Tokenizers.load(file);
        } catch (TokenizerFormatException e) {
            throw new CliException(ExitCode.IO, "corrupt tokenizer file: " + e.getMessage()
                    + ". Delete it to train a new one, or point tokenizer.path to a good file.", e);
        } catch (IOException e) {
            throw CliException.io("cannot read tokenizer " + file + ": " + e.getMessage(), e);
        }
    }

    /** Where the run keeps its tokenizer: {@code tokenizer.path}, else {@code <output_dir>/tokenizer.json}. */
    public static Path tokenizerPath(RunConfig config) {
        return config.tokenizer().path() != null ? config.tokenizer().path() : config.outputDir().resolve("tokenizer.json");
    }

    /** Training and validation windows of {@code model.context_length} tokens over the encoded parts. */
    public static PreparedData windows(RunConfig config, int[] trainTokens, int[] validationTokens, int vocabSize) {
        ModelConfig.Gpt gpt = (ModelConfig.Gpt) config.model();
        int context = gpt.contextLength();
        Integer configured = ((DataConfig.Text) config.data()).stride();
        int stride = configured != null ? configured : context;
        requireTokens("training", trainTokens, context);
        TokenWindows train = new TokenWindows(trainTokens, context, stride);
        TokenWindows validation = null;
        if (validationTokens.length > 0) {
            requireTokens("validation", validationTokens, context);
            validation = new TokenWindows(validationTokens, context, context);
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("train_tokens", trainTokens.length);
        facts.put("validation_tokens", validationTokens.length);
        facts.put("train_examples", train.size());
        facts.put("validation_examples", validation == null ? 0 : validation.size());
        facts.put("vocab_size", vocabSize);
        facts.put("context_length", context);
        DataShape shape = new DataShape(DataShape.Kind.TOKENS, new long[]{context}, vocabSize);
        return new PreparedData(train, validation, null, shape, facts);
    }

    private static void requireTokens(String part, int[] tokens, int context) {
        if (tokens.length < context + 1) {
            throw CliException.data("the " + part + " text is only " + tokens.length + " tokens, too short for one window of"
                    + " model.context_length " + context + " (+1 for the shifted target); use more text or a shorter context", null);
        }
    }
}
