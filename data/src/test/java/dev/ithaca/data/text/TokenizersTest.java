package dev.ithaca.data.text;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenizersTest {
    private static final String BPE = "\"type\":\"byte_level_bpe\",\"version\":1,\"pre_tokenizer\":\"gpt2-with-marks\"";

    @TempDir
    Path dir;

    /** Each corrupt file is refused with a message naming the file, the field and what was expected. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "empty file         | ``                                                                  | the file is empty",
            "not JSON           | `vocab: 300`                                                        | not valid JSON",
            "truncated          | `{\"type\":\"char\",\"version\":1,\"vocab_size\":3,\"code_points\":[97,`  | not valid JSON",
            "trailing junk      | `{\"type\":\"char\",\"version\":1,\"vocab_size\":2,\"code_points\":[97]} x` | not valid JSON",
            "duplicate key      | `{\"type\":\"char\",\"type\":\"char\",\"version\":1}`                   | not valid JSON",
            "top-level array    | `[1, 2]`                                                            | expected a JSON object at the top level, found [1,2]",
            "missing version    | `{\"type\":\"char\"}`                                               | field 'version' is missing",
            "newer version      | `{\"type\":\"char\",\"version\":2}`                                 | field 'version': expected version 1",
            "missing type       | `{\"version\":1}`                                                   | field 'type' is missing",
            "type not a string  | `{\"version\":1,\"type\":7}`                                        | field 'type': expected a string, found 7",
            "unknown type       | `{\"version\":1,\"type\":\"wordpiece\"}`                            | field 'type': expected \"byte_level_bpe\" or \"char\", found \"wordpiece\"",
            "merge ahead        | `{" + BPE + ",\"vocab_size\":258,\"merges\":[[97,98],[97,258]],\"special_tokens\":[]}` | field 'merges[1][1]': expected an integer in [0, 256], found 258",
            "merge not a pair   | `{" + BPE + ",\"vocab_size\":257,\"merges\":[[97]],\"special_tokens\":[]}` | field 'merges[0]': expected a pair [left, right]",
            "merge fraction     | `{" + BPE + ",\"vocab_size\":257,\"merges\":[[97,98.5]],\"special_tokens\":[]}` | field 'merges[0][1]': expected an integer",
            "repeated merge     | `{" + BPE + ",\"vocab_size\":258,\"merges\":[[97,98],[97,98]],\"special_tokens\":[]}` | field 'merges': merges[1]",
            "merges not array   | `{" + BPE + ",\"vocab_size\":256,\"merges\":{},\"special_tokens\":[]}` | field 'merges': expected an array, found {}",
            "vocab size wrong   | `{" + BPE + ",\"vocab_size\":300,\"merges\":[[97,98]],\"special_tokens\":[\"<s>\"]}` | field 'vocab_size': expected 258 (256 bytes + 1 merges + 1 special tokens), found 300",
            "special not text   | `{" + BPE + ",\"vocab_size\":257,\"merges\":[],\"special_tokens\":[5]}` | field 'special_tokens[0]': expected a string, found 5",
            "special repeated   | `{" + BPE + ",\"vocab_size\":258,\"merges\":[],\"special_tokens\":[\"<s>\",\"<s>\"]}` | field 'special_tokens'",
            "other pre-tokenizer| `{\"type\":\"byte_level_bpe\",\"version\":1,\"pre_tokenizer\":\"bert\",\"vocab_size\":256,\"merges\":[],\"special_tokens\":[]}` | field 'pre_tokenizer': expected \"gpt2-with-marks\", found \"bert\"",
            "code points unsorted | `{\"type\":\"char\",\"version\":1,\"vocab_size\":3,\"code_points\":[98,97]}` | field 'code_points[1]': expected a code point above the previous one (98)",
            "code point too big | `{\"type\":\"char\",\"version\":1,\"vocab_size\":2,\"code_points\":[1114112]}` | field 'code_points[0]': expected an integer in [0, 1114111]",
            "no code points     | `{\"type\":\"char\",\"version\":1,\"vocab_size\":1,\"code_points\":[]}` | field 'code_points': expected at least one code point",
            "char vocab size    | `{\"type\":\"char\",\"version\":1,\"vocab_size\":5,\"code_points\":[97]}` | field 'vocab_size': expected 2 (the unknown token + 1 code points), found 5",
    })
    void refusesCorruptFiles(String description, String content, String expected) throws Exception {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, content);
        assertThatThrownBy(() -> Tokenizers.load(file))
                .isInstanceOf(TokenizerFormatException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining(expected);
    }

    @org.junit.jupiter.api.Test
    void aMissingFileIsAnOrdinaryIoError() {
        assertThatThrownBy(() -> Tokenizers.load(dir.resolve("absent.json"))).isInstanceOf(NoSuchFileException.class);
    }
}
