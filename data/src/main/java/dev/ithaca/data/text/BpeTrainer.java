package dev.ithaca.data.text;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Learns a {@link ByteLevelBpeTokenizer} from a corpus.
 *
 * <p>The corpus is cut at special tokens (which are never learned from) and split into chunks by
 * the GPT-2 rule of {@link PreTokenizer}; identical chunks are counted once with their frequency.
 * Each step then merges the most frequent adjacent pair of tokens within chunks. <b>Ties</b> go to
 * the pair whose bytes come first in unsigned lexicographic order, comparing the left tokens'
 * bytes, then the right tokens' bytes (then the ids, for two tokens with the same bytes). So
 * training is deterministic: the same corpus and settings give the same merges. Training stops
 * when the vocabulary reaches {@link #vocabSize()} or when no pair occurs at least
 * {@link #minPairFrequency()} times, whichever comes first.
 *
 * <pre>{@code
 * ByteLevelBpeTokenizer tokenizer = new BpeTrainer(4096)
 *         .withSpecialTokens(List.of("<|endoftext|>"))
 *         .train(text);
 * }</pre>
 */
public final class BpeTrainer {
    /** A pair seen once only memorizes the corpus, so by default a merge needs two occurrences. */
    public static final int DEFAULT_MIN_PAIR_FREQUENCY = 2;

    private static final Logger LOG = LoggerFactory.getLogger(BpeTrainer.class);

    private final int vocabSize;
    private final int minPairFrequency;
    private final SpecialTokens specials;

    /**
     * A trainer for a vocabulary of at most {@code vocabSize} ids: 256 bytes, the merges, and the
     * special tokens; with {@link #DEFAULT_MIN_PAIR_FREQUENCY} and no special tokens.
     */
    public BpeTrainer(int vocabSize) {
        this(vocabSize, DEFAULT_MIN_PAIR_FREQUENCY, SpecialTokens.of(List.of()));
    }

    private BpeTrainer(int vocabSize, int minPairFrequency, SpecialTokens specials) {
        int smallest = ByteLevelBpeTokenizer.BYTE_TOKENS + specials.size();
        if (vocabSize < smallest) {
            throw new IllegalArgumentException("vocabSize must be at least 256 (the byte tokens) + " + specials.size()
                    + " special tokens = " + smallest + ", got " + vocabSize);
        }
        if (minPairFrequency < 1) {
            throw new IllegalArgumentException("minPairFrequency must be >= 1, got " + minPairFrequency);
        }
        this.vocabSize = vocabSize;
        this.minPairFrequency = minPairFrequency;
        this.specials = specials;
    }

    /** This trainer with merges that need at least {@code minPairFrequency} occurrences of their pair. */
    public BpeTrainer withMinPairFrequency(int minPairFrequency) {
        return new BpeTrainer(vocabSize, minPairFrequency, specials);
    }

    /**
     * This trainer with special tokens: each encodes as one id (after the merges, in this order)
     * and is cut out of the training corpus, so no merge learns from it.
     */
    public BpeTrainer withSpecialTokens(List<String> specialTokens) {
        return new BpeTrainer(vocabSize, minPairFrequency, SpecialTokens.of(specialTokens));
    }

    public int vocabSize() {
        return vocabSize;
    }

    public int minPairFrequency() {
        return minPairFrequency;
    }

    public List<String> specialTokens() {
        return specials.tokens();
    }

    /** Trains on the UTF-8 bytes of {@code text}. */
    public ByteLevelBpeTokenizer train(String text) {
        Objects.requireNonNull(text, "text");
        return train(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Trains on {@code corpus}, which need not be valid UTF-8. */
    public ByteLevelBpeTokenizer train(byte[] corpus) {
        Objects.requireNonNull(corpus, "corpus");
        long start = System.nanoTime();
        Map<ByteKey, long[]> chunkCounts = countChunks(corpus);
        LOG.debug("counted {} distinct chunks in {} bytes ({} ms)", chunkCounts.size(), corpus.length,
                (System.nanoTime() - start) / 1_000_000);
        int maxMerges = vocabSize - ByteLevelBpeTokenizer.BYTE_TOKENS - specials.size();
        List<BpeMerge> merges = new BpeMergeLearner(chunkCounts).learn(maxMerges, minPairFrequency);
        LOG.debug("learned {} merges in {} ms", merges.size(), (System.nanoTime() - start) / 1_000_000);
        return ByteLevelBpeTokenizer.of(merges, specials.tokens());
    }

    /** Chunks of at least two bytes (a single byte has nothing to merge) with how often each occurs. */
    private Map<ByteKey, long[]> countChunks(byte[] corpus) {
        Map<ByteKey, long[]> counts = new HashMap<>();
        specials.split(corpus, new SpecialTokens.SegmentSink() {
            @Override
            public void text(int from, int to) {
                PreTokenizer.split(corpus, from, to, (start, end) -> {
                    if (end - start > 1) {
                        counts.computeIfAbsent(new ByteKey(corpus, start, end), key -> new long[1])[0]++;
                    }
                });
            }

            @Override
            public void special(int index) {
                // never learned from
            }
        });
        return counts;
    }
}
