package dev.ithaca.cli.command;

import dev.ithaca.cli.CliException;
import dev.ithaca.cli.FailureReport;
import dev.ithaca.cli.build.LanguageData;
import dev.ithaca.cli.build.PreparedData;
import dev.ithaca.cli.config.DataConfig;
import dev.ithaca.cli.config.RunConfig;
import dev.ithaca.data.TextCorpus;
import dev.ithaca.data.text.CorpusSplit;
import dev.ithaca.data.text.Tokenizer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Text data for {@code ithaca train}: read, split, load or train the tokenizer, encode, cut into windows. */
final class TextPreparation {
    private TextPreparation() {
    }

    static PreparedData prepare(RunConfig config, PrintWriter out) {
        DataConfig.Text text = (DataConfig.Text) config.data();
        TextCorpus corpus = LanguageData.read(text.paths());
        CorpusSplit.Parts<String> parts = LanguageData.split(corpus.text(), text.validationFraction(), config.training().seed());
        Tokenizer tokenizer = tokenizer(config, parts.train(), out);
        int[] train = tokenizer.encode(parts.train());
        int[] validation = parts.validation().isEmpty() ? new int[0] : tokenizer.encode(parts.validation());
        out.printf(Locale.ROOT, "Corpus: %,d bytes in %d file(s) -> %,d training and %,d validation tokens (vocabulary %d)%n",
                corpus.sizeInBytes(), corpus.documentCount(), train.length, validation.length, tokenizer.vocabSize());
        PreparedData data = LanguageData.windows(config, train, validation, tokenizer.vocabSize());
        return data;
    }

    /** The tokenizer at the configured path when it exists, else one trained on the training text and saved there. */
    static Tokenizer tokenizer(RunConfig config, String trainText, PrintWriter out) {
        Path path = LanguageData.tokenizerPath(config);
        if (Files.exists(path)) {
            out.println("Tokenizer: loading " + path);
            return LanguageData.load(path);
        }
        long start = System.nanoTime();
        Tokenizer trained = LanguageData.train(config.tokenizer(), trainText);
        save(trained, path);
        out.printf(Locale.ROOT, "Tokenizer: trained %s (vocabulary %d) in %.1f s, saved to %s%n",
                config.tokenizer().type().name().toLowerCase(Locale.ROOT), trained.vocabSize(), (System.nanoTime() - start) / 1e9, path);
        return trained;
    }

    static void save(Tokenizer tokenizer, Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            tokenizer.save(path);
        } catch (IOException e) {
            throw CliException.io("cannot save the tokenizer to " + path + ": " + FailureReport.describe(e), e);
        }
    }
}
