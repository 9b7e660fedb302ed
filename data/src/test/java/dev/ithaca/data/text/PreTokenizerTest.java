package dev.ithaca.data.text;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class PreTokenizerTest {

    /**
     * An independent statement of the rule: GPT-2's pattern with marks continuing letter and
     * number runs, and Python's {@code \s} (Unicode White_Space plus U+001C..U+001F).
     */
    private static final String SPACE = "[\\p{IsWhite_Space}\\x{1C}-\\x{1F}]";
    private static final String NON_SPACE = "[^\\p{IsWhite_Space}\\x{1C}-\\x{1F}]";
    private static final Pattern REFERENCE = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d"
                    + "| ?\\p{L}[\\p{L}\\p{M}]*"
                    + "| ?\\p{N}[\\p{N}\\p{M}]*"
                    + "| ?[^\\p{IsWhite_Space}\\x{1C}-\\x{1F}\\p{L}\\p{N}]+"
                    + "|" + SPACE + "+(?!" + NON_SPACE + ")"
                    + "|" + SPACE + "+");

    static List<String> chunks(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> chunks = new ArrayList<>();
        PreTokenizer.split(bytes, 0, bytes.length, (from, to) -> chunks.add(new String(bytes, from, to - from, StandardCharsets.UTF_8)));
        return chunks;
    }

    static List<byte[]> byteChunks(byte[] bytes) {
        List<byte[]> chunks = new ArrayList<>();
        PreTokenizer.split(bytes, 0, bytes.length, (from, to) -> chunks.add(java.util.Arrays.copyOfRange(bytes, from, to)));
        return chunks;
    }

    private static List<String> reference(String text) {
        List<String> chunks = new ArrayList<>();
        Matcher matcher = REFERENCE.matcher(text);
        int end = 0;
        while (matcher.find()) {
            assertThat(matcher.start()).as("the reference pattern covers the text").isEqualTo(end);
            chunks.add(matcher.group());
            end = matcher.end();
        }
        assertThat(end).isEqualTo(text.length());
        return chunks;
    }

    @Test
    void splitsLikeGpt2OnEnglish() {
        // as GPT-2's encoder.py: contractions, words with their leading space, digit runs, punctuation runs,
        // and a whitespace run that leaves its last character to what follows ("\n\nnow" gives "\n", "\n", "now")
        assertThat(chunks("Hello world's 42 apples!!  They'll   go\n\nnow."))
                .containsExactly("Hello", " world", "'s", " 42", " apples", "!!", " ", " They", "'ll", "  ", " go", "\n", "\n", "now", ".");
    }

    @Test
    void trailingWhitespaceIsOneChunk() {
        assertThat(chunks("end  \n")).containsExactly("end", "  \n");
        assertThat(chunks(" ")).containsExactly(" ");
        assertThat(chunks("a \nb")).containsExactly("a", " ", "\n", "b");
    }

    @Test
    void keepsWordsOfOtherScriptsWhole() {
        assertThat(chunks("Привет мир")).containsExactly("Привет", " мир");
        assertThat(chunks("مرحبا بالعالم")).containsExactly("مرحبا", " بالعالم");
        // Devanagari vowel signs and viramas are marks: the word stays one chunk
        assertThat(chunks("नमस्ते दुनिया")).containsExactly("नमस्ते", " दुनिया");
        // decomposed é (e + U+0301) stays inside the word
        assertThat(chunks("cafe\u0301 ok")).containsExactly("cafe\u0301", " ok");
        assertThat(chunks("你好，世界")).containsExactly("你好", "，", "世界");
    }

    @Test
    void keepsEmojiSequencesTogether() {
        String family = "👨‍👩‍👧‍👦";    // ZWJ sequence
        String thumbs = "👍🏽";          // skin tone modifier
        String keycap = "1️⃣";          // digit + variation selector + enclosing keycap
        assertThat(chunks("hi " + family + thumbs)).containsExactly("hi", " " + family + thumbs);
        assertThat(chunks(keycap)).containsExactly(keycap);
    }

    @Test
    void invalidBytesAreOtherCharacters() {
        byte[] bytes = {'a', (byte) 0x80, (byte) 0xC0, (byte) 0xAF, ' ', (byte) 0xE2, (byte) 0x82, 'b', (byte) 0xFF};
        List<byte[]> chunks = byteChunks(bytes);
        assertThat(chunks).extracting(c -> c.length).containsExactly(1, 3, 3, 1, 1);
        assertThat(chunks.get(1)).containsExactly(0x80, 0xC0, 0xAF);
        assertThat(chunks.get(2)).containsExactly(' ', 0xE2, 0x82);
    }

    @Test
    void decodesStrictUtf8() {
        assertThat(decode(0xE2, 0x82, 0xAC)).isEqualTo(0x20AC);
        assertThat(decode(0xF0, 0x9F, 0x98, 0x80)).isEqualTo(0x1F600);
        assertThat(decode(0xC0, 0xAF)).as("overlong '/'").isEqualTo(-1);
        assertThat(decode(0xE0, 0x80, 0xAF)).as("overlong three-byte").isEqualTo(-1);
        assertThat(decode(0xED, 0xA0, 0x80)).as("surrogate").isEqualTo(-1);
        assertThat(decode(0xF4, 0x90, 0x80, 0x80)).as("above U+10FFFF").isEqualTo(-1);
        assertThat(decode(0xE2, 0x82)).as("truncated").isEqualTo(-1);
        assertThat(decode(0x80)).as("lone continuation").isEqualTo(-1);
    }

    private static int decode(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return PreTokenizer.decode(bytes, 0, bytes.length);
    }

    @Property(tries = 300)
    void agreesWithTheReferencePattern(@ForAll("text") String text) {
        assertThat(chunks(text)).isEqualTo(reference(text));
    }

    @Property(tries = 300)
    void chunksCoverAnyBytesExactly(@ForAll byte[] bytes) {
        List<byte[]> chunks = byteChunks(bytes);
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        chunks.forEach(joined::writeBytes);
        assertThat(joined.toByteArray()).isEqualTo(bytes);
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk).isNotEmpty());
    }

    /** Text drawn from characters of every class the rule distinguishes. */
    @Provide
    Arbitrary<String> text() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of(" ", "  ", "\n", "\t", "\u00A0", "\u3000", "\u001C", "'", "'s", "'re", "'ll", "'x"),
                Arbitraries.of("a", "Z", "é", "ж", "ب", "क", "ि", "्", "\u0301", "中", "7", "٣", "Ⅻ", "½"),
                Arbitraries.of("!", ".", "—", "€", "😀", "\u200D", "🏽", "\uFE0F", "\u20E3", "👩‍💻"),
                Arbitraries.strings().withCharRange('\u0000', '\u2FFF').ofMaxLength(3));
        return pieces.list().ofMaxSize(25).map(list -> String.join("", list));
    }
}
