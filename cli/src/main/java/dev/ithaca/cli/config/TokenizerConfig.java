package dev.ithaca.cli.config;

import dev.ithaca.cli.config.bind.Key;
import dev.ithaca.cli.config.bind.Section;

import java.nio.file.Path;

/** How text becomes token ids: a trained byte-level BPE or a character vocabulary. */
@Section(doc = "How text becomes token ids (text data only). A tokenizer file given in `path` that exists is loaded;"
        + " otherwise one is trained on the training split and saved to `path` (default `<output_dir>/tokenizer.json`).")
public record TokenizerConfig(
        @Key(doc = "`bpe` (byte-level BPE, GPT-2 style) or `char` (one token per character seen).", defaultValue = "bpe")
        Kind type,
        @Key(doc = "Vocabulary size a trained BPE tokenizer reaches (256 byte tokens plus merges and special tokens).",
                defaultValue = "2048", min = 256) int vocabSize,
        @Key(doc = "A BPE merge needs a pair seen at least this often; training stops early when none is left.",
                defaultValue = "2", min = 1) int minPairFrequency,
        @Key(doc = "Tokenizer JSON to load, or where to save a trained one.", defaultValue = Key.UNSET) Path path) {

    /** The tokenizer families the data module implements. */
    public enum Kind { BPE, CHAR }
}
