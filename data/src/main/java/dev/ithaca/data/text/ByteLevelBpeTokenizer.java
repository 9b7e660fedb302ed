package dev.ithaca.data.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * GPT-2 style byte-level BPE. Ids {@code 0..255} are the bytes themselves, so every byte sequence,
 * valid UTF-8 or not, encodes and decodes back exactly: {@code decodeBytes(encode(b))} equals
 * {@code b}. Merge number {@code r} makes id {@code 256 + r}; special tokens follow the merges,
 * in the order given.
 *
 * <p>Encoding cuts special tokens out first (each becomes its one id), splits the rest into
 * chunks with {@link PreTokenizer}'s GPT-2 rule, and merges within each chunk by rank (lowest
 * first). Repeated chunks are merged once per call. Train one with {@link BpeTrainer}.
 */
public final class ByteLevelBpeTokenizer implements Tokenizer {
    /** The {@code "type"} of this tokenizer's JSON file. */
    public static final String TYPE = "byte_level_bpe";
    /** Ids below this are single bytes. */
    public static final int BYTE_TOKENS = 256;

    static final String PRE_TOKENIZER = "pre_tokenizer";
    static final String MERGES = "merges";
    static final String SPECIAL_TOKENS = "special_tokens";
    private static final int MAX_CACHED_CHUNKS = 1 << 18;

    private final List<BpeMerge> merges;
    private final SpecialTokens specials;
    private final LongLongMap ranks;
    private final byte[][] tokenBytes;

    private ByteLevelBpeTokenizer(List<BpeMerge> merges, SpecialTokens specials) {
        this.merges = List.copyOf(merges);
        this.specials = specials;
        this.ranks = new LongLongMap(merges.size());
        int firstSpecial = BYTE_TOKENS + merges.size();
        this.tokenBytes = new byte[firstSpecial + specials.size()][];
        for (int b = 0; b < BYTE_TOKENS; b++) {
            tokenBytes[b] = new byte[] {(byte) b};
        }
        for (int rank = 0; rank < merges.size(); rank++) {
            BpeMerge merge = merges.get(rank);
            int id = BYTE_TOKENS + rank;
            if (merge.left() >= id || merge.right() >= id) {
                throw new IllegalArgumentException("merges[" + rank + "] = " + merge + " refers to an id >= " + id
                        + "; merge " + rank + " may only combine bytes (0..255) and tokens of earlier merges");
            }
            long pair = LongLongMap.pair(merge.left(), merge.right());
            if (ranks.get(pair, -1) >= 0) {
                throw new IllegalArgumentException("merges[" + rank + "] = " + merge + " repeats merges[" + ranks.get(pair, -1) + "]");
            }
            ranks.put(pair, rank);
            tokenBytes[id] = concat(tokenBytes[merge.left()], tokenBytes[merge.right()]);
        }
        for (int i = 0; i < specials.size(); i++) {
            tokenBytes[firstSpecial + i] = specials.bytes(i);
        }
    }

    /**
     * A tokenizer with these merges (in rank order) and special tokens.
     *
     * @throws IllegalArgumentException if a merge refers to an id it cannot know yet, a merge repeats,
     *                                  or a special token is empty, repeated or not valid Unicode
     */
    public static ByteLevelBpeTokenizer of(List<BpeMerge> merges, List<String> specialTokens) {
        Objects.requireNonNull(merges, "merges");
        return new ByteLevelBpeTokenizer(merges, SpecialTokens.of(specialTokens));
    }

    /** Reads a file written by {@link #save}; see {@link Tokenizers#load} for any tokenizer type. */
    public static ByteLevelBpeTokenizer load(Path file) throws IOException {
        Tokenizer tokenizer = Tokenizers.load(file);
        if (tokenizer instanceof ByteLevelBpeTokenizer bpe) {
            return bpe;
        }
        throw new TokenizerFormatException(file, "field '" + TokenizerFile.TYPE + "': expected \"" + TYPE
                + "\", found a " + tokenizer.getClass().getSimpleName());
    }

    @Override
    public int vocabSize() {
        return tokenBytes.length;
    }

    /** The merges in rank order; merge {@code r} makes id {@code 256 + r}. */
    public List<BpeMerge> merges() {
        return merges;
    }

    /** The special tokens in id order; the first has id {@code 256 + merges().size()}. */
    public List<String> specialTokens() {
        return specials.tokens();
    }

    /** The id of special token {@code token}, or empty if this tokenizer has no such special token. */
    public OptionalInt specialTokenId(String token) {
        int index = specials.indexOf(token);
        return index < 0 ? OptionalInt.empty() : OptionalInt.of(BYTE_TOKENS + merges.size() + index);
    }

    /** The bytes token {@code id} stands for (a copy). */
    public byte[] tokenBytes(int id) {
        checkId(id, "id");
        return tokenBytes[id].clone();
    }

    @Override
    public int[] encode(String text) {
        Objects.requireNonNull(text, "text");
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int[] encode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        IntList out = new IntList(bytes.length / 3 + 16);
        ChunkMerger merger = new ChunkMerger(ranks);
        Map<ByteKey, int[]> cache = new HashMap<>();
        int firstSpecial = BYTE_TOKENS + merges.size();
        specials.split(bytes, new SpecialTokens.SegmentSink() {
            @Override
            public void text(int from, int to) {
                PreTokenizer.split(bytes, from, to, (start, end) -> {
                    if (end - start == 1) {
                        out.add(bytes[start] & 0xFF);
                        return;
                    }
                    ByteKey key = new ByteKey(bytes, start, end);
                    int[] ids = cache.get(key);
                    if (ids == null) {
                        ids = merger.merge(bytes, start, end);
                        if (cache.size() >= MAX_CACHED_CHUNKS) {
                            cache.clear();
                        }
                        cache.put(key, ids);
                    }
                    out.addAll(ids);
                });
            }

            @Override
            public void special(int index) {
                out.add(firstSpecial + index);
            }
        });
        return out.toArray();
    }

    @Override
    public byte[] decodeBytes(int[] ids) {
        Objects.requireNonNull(ids, "ids");
        int length = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= tokenBytes.length) {
                checkId(ids[i], "ids[" + i + "]");
            }
            length += tokenBytes[ids[i]].length;
        }
        byte[] out = new byte[length];
        int p = 0;
        for (int id : ids) {
            byte[] token = tokenBytes[id];
            System.arraycopy(token, 0, out, p, token.length);
            p += token.length;
        }
        return out;
    }

    /**
     * Writes {@code {"type": "byte_level_bpe", "version": 1, "vocab_size": ..., "pre_tokenizer": ...,
     * "merges": [[left, right], ...], "special_tokens": [...]}} atomically.
     */
    @Override
    public void save(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        ObjectNode root = TokenizerFile.header(TYPE, vocabSize());
        root.put(PRE_TOKENIZER, PreTokenizer.NAME);
        ArrayNode mergeArray = root.putArray(MERGES);
        for (BpeMerge merge : merges) {
            mergeArray.addArray().add(merge.left()).add(merge.right());
        }
        ArrayNode specialArray = root.putArray(SPECIAL_TOKENS);
        specials.tokens().forEach(specialArray::add);
        TokenizerFile.write(file, root);
    }

    static ByteLevelBpeTokenizer fromJson(TokenizerFile json) throws TokenizerFormatException {
        String preTokenizer = json.text(PRE_TOKENIZER);
        if (!preTokenizer.equals(PreTokenizer.NAME)) {
            throw json.problem(PRE_TOKENIZER, "\"" + PreTokenizer.NAME + "\"", json.field(PRE_TOKENIZER));
        }
        JsonNode mergeArray = json.array(MERGES);
        List<BpeMerge> merges = new ArrayList<>(mergeArray.size());
        for (int rank = 0; rank < mergeArray.size(); rank++) {
            JsonNode pair = mergeArray.get(rank);
            String path = MERGES + "[" + rank + "]";
            int limit = BYTE_TOKENS + rank - 1;
            if (!pair.isArray() || pair.size() != 2) {
                throw json.problem(path, "a pair [left, right] of token ids in [0, " + limit + "]", pair);
            }
            merges.add(new BpeMerge(json.integer(pair.get(0), path + "[0]", 0, limit),
                    json.integer(pair.get(1), path + "[1]", 0, limit)));
        }
        JsonNode specialArray = json.array(SPECIAL_TOKENS);
        List<String> specialTokens = new ArrayList<>(specialArray.size());
        for (int i = 0; i < specialArray.size(); i++) {
            JsonNode token = specialArray.get(i);
            if (!token.isTextual()) {
                throw json.problem(SPECIAL_TOKENS + "[" + i + "]", "a string", token);
            }
            specialTokens.add(token.textValue());
        }
        int expectedSize = BYTE_TOKENS + merges.size() + specialTokens.size();
        int vocabSize = json.integer(TokenizerFile.VOCAB_SIZE, 0, Integer.MAX_VALUE);
        if (vocabSize != expectedSize) {
            throw json.problem(TokenizerFile.VOCAB_SIZE, expectedSize + " (256 bytes + " + merges.size() + " merges + "
                    + specialTokens.size() + " special tokens)", json.field(TokenizerFile.VOCAB_SIZE));
        }
        SpecialTokens specials;
        try {
            specials = SpecialTokens.of(specialTokens);
        } catch (IllegalArgumentException e) {
            throw json.problem("field '" + SPECIAL_TOKENS + "': " + e.getMessage());
        }
        try {
            return new ByteLevelBpeTokenizer(merges, specials);
        } catch (IllegalArgumentException e) {
            throw json.problem("field '" + MERGES + "': " + e.getMessage());
        }
    }

    private void checkId(int id, String name) {
        if (id < 0 || id >= tokenBytes.length) {
            throw new IllegalArgumentException(name + " = " + id + " is not a token id; valid ids are 0.." + (tokenBytes.length - 1));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Equal when the merges and the special tokens are: then every encoding is the same. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ByteLevelBpeTokenizer that && merges.equals(that.merges)
                && specials.tokens().equals(that.specials.tokens());
    }

    @Override
    public int hashCode() {
        return 31 * merges.hashCode() + specials.tokens().hashCode();
    }

    @Override
    public String toString() {
        return "ByteLevelBpeTokenizer[vocabSize=" + vocabSize() + ", merges=" + merges.size()
                + ", specialTokens=" + specials.tokens() + "]";
    }
}
