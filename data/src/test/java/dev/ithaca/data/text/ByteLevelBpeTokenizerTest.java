package dev.ithaca.data.text;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteLevelBpeTokenizerTest {
    private static final String EOT = "<|endoftext|>";
    /** Trained once for all tests: 64 KB of mixed scripts, 800 ids. */
    private static final ByteLevelBpeTokenizer TRAINED = new BpeTrainer(800)
            .withSpecialTokens(List.of(EOT, "<|pad|>"))
            .train(MultilingualText.generate(64_000, 5));

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "Hello, world! It's 2024 and we're training models.",
            "Съешь же ещё этих мягких французских булок, да выпей чаю.",
            "我能吞下玻璃而不伤身体。日本語のテキスト、한국어 문장.",
            "أنا قادر على أكل الزجاج و هذا لا يؤلمني.",
            "मैं काँच खा सकता हूँ और मुझे उससे कोई चोट नहीं पहुंचती.",
            "family 👨‍👩‍👧‍👦 thumbs 👍🏽👍🏿 flag 🏳️‍🌈 🇬🇷 keycap 1️⃣ heart ❤️",
            "combining: e\u0301 a\u0308\u0301 Z\u0335\u0321\u0322 \u0301 at start",
            "whitespace \t\t\n\n\r\n \u00A0\u2003\u3000 end   ",
            "<|endoftext|> between <|pad|><|endoftext|>documents<|endoftext|",
    })
    void roundTripsText(String text) {
        int[] ids = TRAINED.encode(text);
        assertThat(TRAINED.decode(ids)).isEqualTo(text);
        assertThat(TRAINED.decodeBytes(ids)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(TRAINED.encode(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(ids);
        assertThat(IntStream.of(ids)).allSatisfy(id -> assertThat(id).isBetween(0, TRAINED.vocabSize() - 1));
    }

    @Test
    void roundTripsInvalidUtf8Exactly() {
        byte[][] cases = {
                {(byte) 0x80},                                    // lone continuation byte
                {'a', (byte) 0xBF, (byte) 0x80, 'b'},             // continuation bytes without a lead
                {(byte) 0xE2, (byte) 0x82},                       // truncated euro sign
                {(byte) 0xF0, (byte) 0x9F, (byte) 0x98},          // truncated emoji
                {(byte) 0xC0, (byte) 0xAF},                       // overlong '/'
                {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},          // overlong three-byte '/'
                {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF}, // overlong four-byte '/'
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80},          // encoded surrogate U+D800
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
                {(byte) 0xFE, (byte) 0xFF, ' ', (byte) 0xFF, 't', 'h', 'e'},
        };
        for (byte[] bytes : cases) {
            int[] ids = TRAINED.encode(bytes);
            assertThat(TRAINED.decodeBytes(ids)).as(Arrays.toString(bytes)).isEqualTo(bytes);
            assertThat(TRAINED.decode(ids)).as("Java's replacement").isEqualTo(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @Property(tries = 300)
    void anyBytesRoundTrip(@ForAll byte[] bytes) {
        assertThat(TRAINED.decodeBytes(TRAINED.encode(bytes))).isEqualTo(bytes);
    }

    @Property(tries = 300)
    void anyTextRoundTrips(@ForAll("wellFormedText") String text) {
        int[] ids = TRAINED.encode(text);
        assertThat(TRAINED.decode(ids)).isEqualTo(text);
    }

    @Property(tries = 200)
    void anyJavaStringRoundTripsAsItsUtf8(@ForAll String text) {
        String expected = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);   // unpaired surrogates -> '?'
        assertThat(TRAINED.decode(TRAINED.encode(text))).isEqualTo(expected);
    }

    /** Any code point but surrogates, biased towards the scripts the tokenizer was trained on. */
    @Provide
    Arbitrary<String> wellFormedText() {
        Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0x20, 0x7E)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x400, 0x4FF)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x900, 0x97F)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x4E00, 0x9FFF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x1F300, 0x1FAFF)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                        .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)));
        return codePoints.list().ofMaxSize(40)
                .map(list -> list.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
    }

    @Test
    void withoutMergesIdsAreBytes() {
        ByteLevelBpeTokenizer bytes = ByteLevelBpeTokenizer.of(List.of(), List.of());
        assertThat(bytes.vocabSize()).isEqualTo(256);
        assertThat(bytes.encode("aé")).containsExactly(0x61, 0xC3, 0xA9);
    }

    @Test
    void mergesApplyByRankWithinChunksOnly() {
        // 256 = "a"+"b", 257 = " "+"ab"; the pair ("b", " ") is never merged across the chunk boundary
        ByteLevelBpeTokenizer tokenizer = ByteLevelBpeTokenizer.of(
                List.of(new BpeMerge('a', 'b'), new BpeMerge(' ', 256), new BpeMerge('b', ' ')), List.of());
        assertThat(tokenizer.encode("ab ab")).containsExactly(256, 257);
        assertThat(tokenizer.encode("abab")).containsExactly(256, 256);
    }

    @Test
    void longChunksEncodeQuickly() {
        ByteLevelBpeTokenizer tokenizer = ByteLevelBpeTokenizer.of(List.of(new BpeMerge('a', 'a'), new BpeMerge(256, 256)), List.of());
        String run = "a".repeat(200_001);
        int[] ids = tokenizer.encode(run);
        assertThat(ids).hasSize(50_001);
        assertThat(IntStream.of(ids).limit(50_000)).containsOnly(257);
        assertThat(ids[50_000]).isEqualTo('a');
    }

    @Test
    void specialTokensEncodeAtomicallyAndLongestFirst() {
        ByteLevelBpeTokenizer tokenizer = ByteLevelBpeTokenizer.of(List.of(new BpeMerge('<', '|')), List.of("<|a|>", "<|a|>x"));
        int a = tokenizer.specialTokenId("<|a|>").orElseThrow();
        int ax = tokenizer.specialTokenId("<|a|>x").orElseThrow();
        assertThat(a).isEqualTo(257);
        assertThat(ax).isEqualTo(258);
        assertThat(tokenizer.encode("z<|a|>x<|a|><|b|>")).containsExactly('z', ax, a, 256, 'b', '|', '>');
        assertThat(tokenizer.encode("<|a|>".getBytes(StandardCharsets.UTF_8))).containsExactly(a);
        assertThat(tokenizer.specialTokenId("<|b|>")).isEmpty();
        assertThat(tokenizer.decode(new int[] {ax, a})).isEqualTo("<|a|>x<|a|>");
    }

    @Test
    void rejectsIdsOutsideTheVocabulary() {
        assertThatThrownBy(() -> TRAINED.decode(new int[] {1, 800}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ids[1] = 800").hasMessageContaining("0..799");
        assertThatThrownBy(() -> TRAINED.decodeBytes(new int[] {-1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ids[0] = -1");
        assertThatThrownBy(() -> TRAINED.tokenBytes(800)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("800");
    }

    @Test
    void rejectsMergesThatCannotBeApplied() {
        assertThatThrownBy(() -> ByteLevelBpeTokenizer.of(List.of(new BpeMerge('a', 256)), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("merges[0]").hasMessageContaining("256");
        assertThatThrownBy(() -> ByteLevelBpeTokenizer.of(List.of(new BpeMerge('a', 'b'), new BpeMerge('a', 'b')), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("merges[1]").hasMessageContaining("repeats merges[0]");
        assertThatThrownBy(() -> new BpeMerge(-1, 3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void saveAndLoadGiveTheSameTokenizer() throws Exception {
        Path file = dir.resolve("tokenizer.json");
        TRAINED.save(file);

        Tokenizer loaded = Tokenizers.load(file);
        assertThat(loaded).isEqualTo(TRAINED).isInstanceOf(ByteLevelBpeTokenizer.class);
        String text = MultilingualText.generate(5_000, 99) + EOT + "tail";
        assertThat(loaded.encode(text)).isEqualTo(TRAINED.encode(text));
        assertThat(ByteLevelBpeTokenizer.load(file).specialTokens()).containsExactly(EOT, "<|pad|>");
        assertThat(Files.readString(file)).startsWith("{\"type\":\"byte_level_bpe\",\"version\":1,\"vocab_size\":800,");
    }

    @Test
    void saveReplacesAnExistingFileAndLeavesNoTempFiles() throws Exception {
        Path file = dir.resolve("nested/tok.json");
        ByteLevelBpeTokenizer.of(List.of(), List.of()).save(file);
        TRAINED.save(file);
        assertThat(Tokenizers.load(file)).isEqualTo(TRAINED);
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void loadingACharTokenizerAsBpeFailsClearly() throws Exception {
        Path file = dir.resolve("char.json");
        CharTokenizer.train("abc").save(file);
        assertThatThrownBy(() -> ByteLevelBpeTokenizer.load(file))
                .isInstanceOf(TokenizerFormatException.class).hasMessageContaining("char.json").hasMessageContaining("byte_level_bpe");
    }
}
