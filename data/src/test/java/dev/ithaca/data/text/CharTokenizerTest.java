package dev.ithaca.data.text;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CharTokenizerTest {
    @TempDir
    Path dir;

    @Test
    void idsAreTheSortedCodePointsAfterTheUnknownToken() {
        CharTokenizer tokenizer = CharTokenizer.train("hello 👋");
        // code points: ' ' 0x20, 'e', 'h', 'l', 'o', U+1F44B -> ids 1..6
        assertThat(tokenizer.vocabSize()).isEqualTo(7);
        assertThat(tokenizer.codePoints()).containsExactly(' ', 'e', 'h', 'l', 'o', 0x1F44B);
        assertThat(tokenizer.encode("hello 👋")).containsExactly(3, 2, 4, 4, 5, 1, 6);
        assertThat(tokenizer.decode(new int[] {3, 2, 4, 4, 5, 1, 6})).isEqualTo("hello 👋");
    }

    @Test
    void unknownCodePointsBecomeTheUnknownTokenAndDecodeAsReplacementCharacter() {
        CharTokenizer tokenizer = CharTokenizer.train("ab");
        assertThat(tokenizer.encode("abc€")).containsExactly(1, 2, CharTokenizer.UNKNOWN_ID, CharTokenizer.UNKNOWN_ID);
        assertThat(tokenizer.decode(new int[] {1, 0, 2})).isEqualTo("a\uFFFDb");
        assertThat(tokenizer.decodeBytes(new int[] {1, 0})).isEqualTo("a\uFFFD".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bytesAreReadAsUtf8WithReplacement() {
        CharTokenizer tokenizer = CharTokenizer.train("aé\uFFFD");
        byte[] bytes = {'a', (byte) 0xC3, (byte) 0xA9, (byte) 0xFF};
        assertThat(tokenizer.decode(tokenizer.encode(bytes))).isEqualTo("aé\uFFFD");
    }

    @Property(tries = 200)
    void textRoundTripsThroughItsOwnVocabulary(@ForAll String text) {
        net.jqwik.api.Assume.that(!text.isEmpty());
        CharTokenizer tokenizer = CharTokenizer.train(text);
        assertThat(tokenizer.decode(tokenizer.encode(text))).isEqualTo(text);
        assertThat(tokenizer.encode(text)).doesNotContain(CharTokenizer.UNKNOWN_ID);
    }

    @Test
    void ofIgnoresOrderAndRepeats() {
        assertThat(CharTokenizer.of(new int[] {'c', 'a', 'c'})).isEqualTo(CharTokenizer.train("ac"));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> CharTokenizer.train("")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> CharTokenizer.of(new int[0])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> CharTokenizer.of(new int[] {'a', 0x110000}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("codePoints[1] = 1114112");
        CharTokenizer tokenizer = CharTokenizer.train("ab");
        assertThatThrownBy(() -> tokenizer.decode(new int[] {0, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ids[1] = 3").hasMessageContaining("0..2");
    }

    @Test
    void saveAndLoadGiveTheSameTokenizer() throws Exception {
        CharTokenizer tokenizer = CharTokenizer.train("Привет, 世界! 👨‍👩‍👧");
        Path file = dir.resolve("chars.json");
        tokenizer.save(file);
        Tokenizer loaded = Tokenizers.load(file);
        assertThat(loaded).isEqualTo(tokenizer);
        assertThat(loaded.encode("世界, Привет")).isEqualTo(tokenizer.encode("世界, Привет"));
        assertThat(CharTokenizer.load(file)).isEqualTo(tokenizer);
    }

    @Test
    void loadingABpeTokenizerAsCharFailsClearly() throws Exception {
        Path file = dir.resolve("bpe.json");
        ByteLevelBpeTokenizer.of(java.util.List.of(), java.util.List.of()).save(file);
        assertThatThrownBy(() -> CharTokenizer.load(file))
                .isInstanceOf(TokenizerFormatException.class).hasMessageContaining("bpe.json").hasMessageContaining("\"char\"");
    }
}
