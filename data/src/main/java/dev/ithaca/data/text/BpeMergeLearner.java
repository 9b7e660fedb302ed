package dev.ithaca.data.text;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The BPE training loop over counted chunks ("words"). The corpus is never rescanned: pair counts
 * are kept up to date incrementally, an index from each pair to the words that contain it finds
 * the words a merge touches, and a priority queue with lazy invalidation finds the best pair (an
 * entry whose count is out of date is re-queued with the current count when it surfaces).
 */
final class BpeMergeLearner {
    private static final Logger LOG = LoggerFactory.getLogger(BpeMergeLearner.class);
    private static final int LOG_EVERY = 500;

    private final int[][] words;
    private final long[] wordCounts;
    private final int[] lastVisit;
    private final LongLongMap pairCounts;
    private final Map<Long, IntList> pairWords = new HashMap<>();
    private final List<byte[]> tokenBytes = new ArrayList<>();
    private final PriorityQueue<Candidate> queue;

    /** A pair and its count when queued. */
    private record Candidate(long pair, long count) {
    }

    BpeMergeLearner(Map<ByteKey, long[]> chunkCounts) {
        words = new int[chunkCounts.size()][];
        wordCounts = new long[chunkCounts.size()];
        lastVisit = new int[chunkCounts.size()];
        int w = 0;
        for (Map.Entry<ByteKey, long[]> entry : chunkCounts.entrySet()) {
            byte[] bytes = entry.getKey().toArray();
            int[] symbols = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                symbols[i] = bytes[i] & 0xFF;
            }
            words[w] = symbols;
            wordCounts[w] = entry.getValue()[0];
            w++;
        }
        for (int b = 0; b < ByteLevelBpeTokenizer.BYTE_TOKENS; b++) {
            tokenBytes.add(new byte[] {(byte) b});
        }
        pairCounts = new LongLongMap(1 << 16);
        for (w = 0; w < words.length; w++) {
            int[] symbols = words[w];
            for (int i = 0; i + 1 < symbols.length; i++) {
                long pair = LongLongMap.pair(symbols[i], symbols[i + 1]);
                pairCounts.add(pair, wordCounts[w]);
                indexWord(pair, w);
            }
        }
        queue = new PriorityQueue<>(Math.max(1, pairCounts.size()), bestFirst());
        pairCounts.forEach((pair, count) -> queue.add(new Candidate(pair, count)));
    }

    /** Up to {@code maxMerges} merges, each of a pair that occurs at least {@code minPairFrequency} times. */
    List<BpeMerge> learn(int maxMerges, int minPairFrequency) {
        List<BpeMerge> merges = new ArrayList<>();
        while (merges.size() < maxMerges && !queue.isEmpty()) {
            Candidate top = queue.poll();
            long count = pairCounts.get(top.pair(), 0);
            if (count != top.count()) {
                if (count > 0) {
                    queue.add(new Candidate(top.pair(), count));
                }
                continue;
            }
            if (count < minPairFrequency) {
                LOG.debug("stopping after {} merges: the most frequent pair left occurs {} times, below minPairFrequency {}",
                        merges.size(), count, minPairFrequency);
                break;
            }
            int left = LongLongMap.left(top.pair());
            int right = LongLongMap.right(top.pair());
            merges.add(new BpeMerge(left, right));
            int merged = tokenBytes.size();
            tokenBytes.add(concat(tokenBytes.get(left), tokenBytes.get(right)));
            apply(top.pair(), left, right, merged, merges.size());
            if (LOG.isDebugEnabled() && merges.size() % LOG_EVERY == 0) {
                LOG.debug("merge {}/{}: {} + {} -> {} (count {})", merges.size(), maxMerges, left, right, merged, count);
            }
        }
        if (merges.size() < maxMerges) {
            LOG.debug("the corpus supports {} merges of the {} asked for", merges.size(), maxMerges);
        }
        return merges;
    }

    /** Replaces {@code (left, right)} by {@code merged} in every word that holds it, updating counts and index. */
    private void apply(long pair, int left, int right, int merged, int stamp) {
        IntList holders = pairWords.remove(pair);
        Set<Long> grown = new HashSet<>();
        int[] buffer = new int[16];
        for (int h = 0; h < holders.size(); h++) {
            int w = holders.get(h);
            if (lastVisit[w] == stamp) {
                continue;
            }
            lastVisit[w] = stamp;
            int[] symbols = words[w];
            if (buffer.length < symbols.length) {
                buffer = new int[symbols.length];
            }
            int length = 0;
            for (int i = 0; i < symbols.length; ) {
                if (i + 1 < symbols.length && symbols[i] == left && symbols[i + 1] == right) {
                    buffer[length++] = merged;
                    i += 2;
                } else {
                    buffer[length++] = symbols[i++];
                }
            }
            if (length == symbols.length) {
                continue;   // the index is allowed to be stale: this word lost the pair to an earlier merge
            }
            long count = wordCounts[w];
            for (int i = 0; i + 1 < symbols.length; i++) {
                pairCounts.add(LongLongMap.pair(symbols[i], symbols[i + 1]), -count);
            }
            int[] updated = Arrays.copyOf(buffer, length);
            words[w] = updated;
            for (int i = 0; i + 1 < length; i++) {
                long newPair = LongLongMap.pair(updated[i], updated[i + 1]);
                pairCounts.add(newPair, count);
                if (updated[i] == merged || updated[i + 1] == merged) {
                    grown.add(newPair);
                    indexWord(newPair, w);
                }
            }
        }
        for (long newPair : grown) {
            queue.add(new Candidate(newPair, pairCounts.get(newPair, 0)));
        }
    }

    private void indexWord(long pair, int word) {
        IntList holders = pairWords.computeIfAbsent(pair, key -> new IntList(4));
        if (holders.isEmpty() || holders.last() != word) {
            holders.add(word);
        }
    }

    /** Highest count first; ties by the left token's bytes, the right token's bytes, then ids. */
    private Comparator<Candidate> bestFirst() {
        return (a, b) -> {
            int byCount = Long.compare(b.count(), a.count());
            if (byCount != 0) {
                return byCount;
            }
            int aLeft = LongLongMap.left(a.pair());
            int bLeft = LongLongMap.left(b.pair());
            int byLeft = Arrays.compareUnsigned(tokenBytes.get(aLeft), tokenBytes.get(bLeft));
            if (byLeft != 0) {
                return byLeft;
            }
            int byRight = Arrays.compareUnsigned(tokenBytes.get(LongLongMap.right(a.pair())), tokenBytes.get(LongLongMap.right(b.pair())));
            return byRight != 0 ? byRight : Long.compare(a.pair(), b.pair());
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
