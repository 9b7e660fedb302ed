package dev.ithaca.data.text;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BpeTrainerTest {

    /**
     * Wikipedia's example, one chunk "aaabdaaabac". Pair counts: aa 4, ab 2, bd 1, da 1, ba 1, ac 1.
     * <ol>
     *   <li>(a, a) with 4 -> 256 "aa"; the chunk is now [aa a b d aa a b a c], so (aa, a) 2 and (a, b) 2.</li>
     *   <li>tie at 2: "a" sorts before "aa", so (a, b) -> 257 "ab"; the chunk is [aa ab d aa ab a c].</li>
     *   <li>(aa, ab) with 2 -> 258 "aaab"; [aaab d aaab a c] has only pairs seen once, below the default
     *       minimum of 2, so training stops with 3 merges.</li>
     * </ol>
     */
    @Test
    void learnsTheWikipediaExampleByHand() {
        ByteLevelBpeTokenizer tokenizer = new BpeTrainer(1000).train("aaabdaaabac");

        assertThat(tokenizer.merges()).containsExactly(new BpeMerge('a', 'a'), new BpeMerge('a', 'b'), new BpeMerge(256, 257));
        assertThat(tokenizer.vocabSize()).isEqualTo(259);
        assertThat(new String(tokenizer.tokenBytes(258), StandardCharsets.UTF_8)).isEqualTo("aaab");
        assertThat(tokenizer.encode("aaabdaaabac")).containsExactly(258, 'd', 258, 'a', 'c');
    }

    /**
     * The Hugging Face course corpus, one word per line: hug x10, pug x5, pun x12, bun x4, hugs x5
     * (newlines are chunks of their own). Pair counts: ug 20, pu 17, un 16, hu 15, gs 5, bu 4.
     * <ol>
     *   <li>(u, g) 20 -> 256 "ug". Then h-ug 15, un 16, pu 12, p-ug 5, ug-s 5, bu 4.</li>
     *   <li>(u, n) 16 -> 257 "un". Then h-ug 15, p-un 12, p-ug 5, ug-s 5, b-un 4.</li>
     *   <li>(h, ug) 15 -> 258 "hug".</li>
     *   <li>(p, un) 12 -> 259 "pun". Left: hug-s 5, p-ug 5, b-un 4.</li>
     *   <li>tie at 5: "hug" sorts before "p", so (hug, s) -> 260 "hugs"; then (p, ug) -> 261 "pug".</li>
     *   <li>(b, un) 4 -> 262 "bun"; every word is now one token.</li>
     * </ol>
     */
    @Test
    void learnsTheHuggingFaceCourseExampleByHand() {
        String corpus = courseCorpus();
        ByteLevelBpeTokenizer tokenizer = new BpeTrainer(1000).train(corpus);

        assertThat(tokenizer.merges()).containsExactly(
                new BpeMerge('u', 'g'), new BpeMerge('u', 'n'), new BpeMerge('h', 256), new BpeMerge('p', 257),
                new BpeMerge(258, 's'), new BpeMerge('p', 256), new BpeMerge('b', 257));
        assertThat(tokenizer.encode("hugs\npug\nbun")).containsExactly(260, '\n', 261, '\n', 262);
    }

    @Test
    void stopsAtTheVocabularySizeOrTheMinimumPairFrequency() {
        String corpus = courseCorpus();
        assertThat(new BpeTrainer(259).train(corpus).merges()).hasSize(3);
        // (b, un) occurs 4 times: with a minimum of 5 it is never merged
        assertThat(new BpeTrainer(1000).withMinPairFrequency(5).train(corpus).merges()).hasSize(6);
        // with a minimum of 1, pairs seen once merge too: "aaabdaaabac" goes down to a single token
        ByteLevelBpeTokenizer all = new BpeTrainer(1000).withMinPairFrequency(1).train("aaabdaaabac");
        assertThat(all.encode("aaabdaaabac")).hasSize(1);
    }

    @Test
    void isDeterministicAndIndependentOfChunkOrder() {
        // whole paragraphs, each ending in "\n\n" and starting with a word: reordering them keeps every chunk
        String generated = MultilingualText.generate(60_000, 7);
        List<String> paragraphs = new ArrayList<>(Arrays.asList(generated.substring(0, generated.lastIndexOf("\n\n") + 2).split("(?<=\n\n)")));
        String text = String.join("", paragraphs);
        BpeTrainer trainer = new BpeTrainer(600);
        ByteLevelBpeTokenizer first = trainer.train(text);
        ByteLevelBpeTokenizer second = trainer.train(text);
        assertThat(second.merges()).isEqualTo(first.merges());

        Collections.shuffle(paragraphs, new Random(3));
        assertThat(trainer.train(String.join("", paragraphs)).merges())
                .as("merges depend on chunk counts only, not on where chunks occur")
                .isEqualTo(first.merges());
    }

    @Test
    void specialTokensAreNotLearnedFromAndEncodeAsOneId() {
        String document = "the cat sat on the mat";
        String corpus = String.join("<|endoftext|>", Collections.nCopies(50, document));

        ByteLevelBpeTokenizer plain = new BpeTrainer(400).train(corpus);
        assertThat(plain.merges()).anySatisfy(merge -> assertThat(tokenText(plain, merge)).contains("|"));

        ByteLevelBpeTokenizer special = new BpeTrainer(400).withSpecialTokens(List.of("<|endoftext|>")).train(corpus);
        assertThat(special.merges()).allSatisfy(merge -> assertThat(tokenText(special, merge)).doesNotContain("|", "<", ">"));
        int eot = special.specialTokenId("<|endoftext|>").orElseThrow();
        assertThat(eot).isEqualTo(special.vocabSize() - 1);
        int[] ids = special.encode(document + "<|endoftext|>" + document);
        assertThat(Arrays.stream(ids).filter(id -> id == eot).count()).isEqualTo(1);
        assertThat(special.decode(ids)).isEqualTo(document + "<|endoftext|>" + document);
    }

    @Test
    void theVocabularySizeCountsBytesMergesAndSpecialTokens() {
        ByteLevelBpeTokenizer tokenizer = new BpeTrainer(300).withSpecialTokens(List.of("<a>", "<b>"))
                .withMinPairFrequency(1).train(MultilingualText.generate(20_000, 1));
        assertThat(tokenizer.vocabSize()).isEqualTo(300);
        assertThat(tokenizer.merges()).hasSize(42);
        assertThat(tokenizer.specialTokenId("<b>")).hasValue(299);
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new BpeTrainer(255))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vocabSize").hasMessageContaining("256").hasMessageContaining("255");
        assertThatThrownBy(() -> new BpeTrainer(257).withSpecialTokens(List.of("<a>", "<b>")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("258").hasMessageContaining("257");
        assertThatThrownBy(() -> new BpeTrainer(300).withMinPairFrequency(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minPairFrequency").hasMessageContaining("0");
        assertThatThrownBy(() -> new BpeTrainer(300).withSpecialTokens(List.of("<a>", "<a>")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<a>").hasMessageContaining("twice");
        assertThatThrownBy(() -> new BpeTrainer(300).withSpecialTokens(List.of("")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("specialTokens[0]").hasMessageContaining("empty");
        assertThatThrownBy(() -> new BpeTrainer(300).withSpecialTokens(List.of("x\uD800")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
    }

    @Test
    void anEmptyCorpusGivesTheByteVocabulary() {
        ByteLevelBpeTokenizer tokenizer = new BpeTrainer(1000).train(new byte[0]);
        assertThat(tokenizer.merges()).isEmpty();
        assertThat(tokenizer.vocabSize()).isEqualTo(256);
    }

    @Test
    void compressesText() {
        String text = MultilingualText.generate(100_000, 11);
        ByteLevelBpeTokenizer tokenizer = new BpeTrainer(1024).train(text);
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        assertThat(tokenizer.vocabSize()).isEqualTo(1024);
        assertThat(tokenizer.encode(text).length).isLessThan(bytes / 3);
    }

    @Property(tries = 60)
    void matchesANaiveTrainerThatRecountsEverything(@ForAll("smallCorpus") byte[] corpus,
                                                    @ForAll @IntRange(min = 256, max = 330) int vocabSize,
                                                    @ForAll @IntRange(min = 1, max = 3) int minPairFrequency) {
        List<BpeMerge> fast = new BpeTrainer(vocabSize).withMinPairFrequency(minPairFrequency).train(corpus).merges();
        assertThat(fast).isEqualTo(naiveMerges(corpus, vocabSize - 256, minPairFrequency));
    }

    /** A few letters, spaces and odd bytes, so chunks repeat and counts tie often. */
    @Provide
    Arbitrary<byte[]> smallCorpus() {
        return Arbitraries.of((byte) 'a', (byte) 'b', (byte) 'c', (byte) ' ', (byte) ' ', (byte) '!', (byte) 0xC3, (byte) 0xA9, (byte) 0xFF)
                .array(byte[].class).ofMaxSize(300);
    }

    /** The textbook algorithm: recount every pair of every chunk before each merge. */
    private static List<BpeMerge> naiveMerges(byte[] corpus, int maxMerges, int minPairFrequency) {
        Map<String, Integer> chunkCounts = new TreeMap<>();
        for (byte[] chunk : PreTokenizerTest.byteChunks(corpus)) {
            chunkCounts.merge(new String(chunk, StandardCharsets.ISO_8859_1), 1, Integer::sum);
        }
        List<List<Integer>> words = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        chunkCounts.forEach((chunk, count) -> {
            List<Integer> symbols = new ArrayList<>();
            chunk.chars().forEach(symbols::add);
            words.add(symbols);
            counts.add(count);
        });
        List<byte[]> tokenBytes = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            tokenBytes.add(new byte[] {(byte) b});
        }
        List<BpeMerge> merges = new ArrayList<>();
        while (merges.size() < maxMerges) {
            Map<List<Integer>, Integer> pairCounts = new HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                List<Integer> symbols = words.get(w);
                for (int i = 0; i + 1 < symbols.size(); i++) {
                    pairCounts.merge(List.of(symbols.get(i), symbols.get(i + 1)), counts.get(w), Integer::sum);
                }
            }
            List<Integer> best = null;
            for (Map.Entry<List<Integer>, Integer> entry : pairCounts.entrySet()) {
                if (best == null || beats(entry.getKey(), entry.getValue(), best, pairCounts.get(best), tokenBytes)) {
                    best = entry.getKey();
                }
            }
            if (best == null || pairCounts.get(best) < minPairFrequency) {
                break;
            }
            int merged = tokenBytes.size();
            merges.add(new BpeMerge(best.get(0), best.get(1)));
            byte[] joined = Arrays.copyOf(tokenBytes.get(best.get(0)), tokenBytes.get(best.get(0)).length + tokenBytes.get(best.get(1)).length);
            System.arraycopy(tokenBytes.get(best.get(1)), 0, joined, tokenBytes.get(best.get(0)).length, tokenBytes.get(best.get(1)).length);
            tokenBytes.add(joined);
            for (List<Integer> symbols : words) {
                for (int i = 0; i + 1 < symbols.size(); i++) {
                    if (symbols.get(i).equals(best.get(0)) && symbols.get(i + 1).equals(best.get(1))) {
                        symbols.set(i, merged);
                        symbols.remove(i + 1);
                    }
                }
            }
        }
        return merges;
    }

    private static boolean beats(List<Integer> pair, int count, List<Integer> best, int bestCount, List<byte[]> tokenBytes) {
        if (count != bestCount) {
            return count > bestCount;
        }
        int byLeft = Arrays.compareUnsigned(tokenBytes.get(pair.get(0)), tokenBytes.get(best.get(0)));
        if (byLeft != 0) {
            return byLeft < 0;
        }
        int byRight = Arrays.compareUnsigned(tokenBytes.get(pair.get(1)), tokenBytes.get(best.get(1)));
        if (byRight != 0) {
            return byRight < 0;
        }
        return pair.get(0) < best.get(0) || (pair.get(0).equals(best.get(0)) && pair.get(1) < best.get(1));
    }

    private static String courseCorpus() {
        List<String> lines = new ArrayList<>();
        lines.addAll(Collections.nCopies(10, "hug"));
        lines.addAll(Collections.nCopies(5, "pug"));
        lines.addAll(Collections.nCopies(12, "pun"));
        lines.addAll(Collections.nCopies(4, "bun"));
        lines.addAll(Collections.nCopies(5, "hugs"));
        Collections.shuffle(lines, new Random(1));
        return String.join("\n", lines);
    }

    private static String tokenText(ByteLevelBpeTokenizer tokenizer, BpeMerge merge) {
        int id = 256 + tokenizer.merges().indexOf(merge);
        return new String(tokenizer.tokenBytes(id), StandardCharsets.UTF_8);
    }
}
