package dev.ithaca.data.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * One id per Unicode code point, as in character-level language models (e.g. Karpathy's
 * char-RNN). Id {@value #UNKNOWN_ID} is the unknown token; ids {@code 1..n} are the vocabulary's
 * code points in ascending order. A code point outside the vocabulary encodes as
 * {@value #UNKNOWN_ID}, which decodes as U+FFFD. So text round-trips exactly when all of its code
 * points are in the vocabulary; bytes are first decoded as UTF-8 (malformed sequences become
 * U+FFFD), so unlike {@link ByteLevelBpeTokenizer} invalid UTF-8 does not survive.
 */
public final class CharTokenizer implements Tokenizer {
    /** The {@code "type"} of this tokenizer's JSON file. */
    public static final String TYPE = "char";
    /** The id of any code point outside the vocabulary. */
    public static final int UNKNOWN_ID = 0;

    static final String CODE_POINTS = "code_points";
    private static final int REPLACEMENT = 0xFFFD;

    private final int[] codePoints;

    private CharTokenizer(int[] sortedDistinctCodePoints) {
        this.codePoints = sortedDistinctCodePoints;
    }

    /** The tokenizer whose vocabulary is every code point that occurs in {@code text}. */
    public static CharTokenizer train(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("text is empty; a character vocabulary needs at least one character");
        }
        return new CharTokenizer(text.codePoints().distinct().sorted().toArray());
    }

    /**
     * The tokenizer with exactly these code points (any order; repeats are ignored).
     *
     * @throws IllegalArgumentException if one is not a valid code point
     */
    public static CharTokenizer of(int[] codePoints) {
        Objects.requireNonNull(codePoints, "codePoints");
        if (codePoints.length == 0) {
            throw new IllegalArgumentException("codePoints is empty; a character vocabulary needs at least one code point");
        }
        for (int i = 0; i < codePoints.length; i++) {
            if (!Character.isValidCodePoint(codePoints[i])) {
                throw new IllegalArgumentException("codePoints[" + i + "] = " + codePoints[i]
                        + " is not a Unicode code point; valid values are 0..0x10FFFF");
            }
        }
        return new CharTokenizer(Arrays.stream(codePoints).distinct().sorted().toArray());
    }

    /** Reads a file written by {@link #save}; see {@link Tokenizers#load} for any tokenizer type. */
    public static CharTokenizer load(Path file) throws IOException {
        Tokenizer tokenizer = Tokenizers.load(file);
        if (tokenizer instanceof CharTokenizer chars) {
            return chars;
        }
        throw new TokenizerFormatException(file, "field '" + TokenizerFile.TYPE + "': expected \"" + TYPE
                + "\", found a " + tokenizer.getClass().getSimpleName());
    }

    /** The vocabulary's code points in id order: {@code codePoints()[i]} has id {@code i + 1}. */
    public int[] codePoints() {
        return codePoints.clone();
    }

    @Override
    public int vocabSize() {
        return codePoints.length + 1;
    }

    @Override
    public int[] encode(String text) {
        Objects.requireNonNull(text, "text");
        return text.codePoints().map(this::id).toArray();
    }

    /** Decodes {@code bytes} as UTF-8 (malformed sequences become U+FFFD) and encodes the text. */
    @Override
    public int[] encode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return encode(new String(bytes, StandardCharsets.UTF_8));
    }

    /** The text of {@code ids}, with U+FFFD for {@link #UNKNOWN_ID}. */
    @Override
    public String decode(int[] ids) {
        Objects.requireNonNull(ids, "ids");
        StringBuilder text = new StringBuilder(ids.length);
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id < 0 || id > codePoints.length) {
                throw new IllegalArgumentException("ids[" + i + "] = " + id + " is not a token id; valid ids are 0.." + codePoints.length);
            }
            text.appendCodePoint(id == UNKNOWN_ID ? REPLACEMENT : codePoints[id - 1]);
        }
        return text.toString();
    }

    /** The UTF-8 bytes of {@link #decode}; an unpaired surrogate becomes {@code '?'}. */
    @Override
    public byte[] decodeBytes(int[] ids) {
        return decode(ids).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes {@code {"type": "char", "version": 1, "vocab_size": ..., "code_points": [...]}} atomically. */
    @Override
    public void save(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        ObjectNode root = TokenizerFile.header(TYPE, vocabSize());
        ArrayNode array = root.putArray(CODE_POINTS);
        for (int codePoint : codePoints) {
            array.add(codePoint);
        }
        TokenizerFile.write(file, root);
    }

    static CharTokenizer fromJson(TokenizerFile json) throws TokenizerFormatException {
        JsonNode array = json.array(CODE_POINTS);
        if (array.isEmpty()) {
            throw json.problem(CODE_POINTS, "at least one code point", array);
        }
        int[] codePoints = new int[array.size()];
        for (int i = 0; i < codePoints.length; i++) {
            codePoints[i] = json.integer(array.get(i), CODE_POINTS + "[" + i + "]", 0, Character.MAX_CODE_POINT);
            if (i > 0 && codePoints[i] <= codePoints[i - 1]) {
                throw json.problem(CODE_POINTS + "[" + i + "]", "a code point above the previous one ("
                        + codePoints[i - 1] + "); the list is sorted and distinct", array.get(i));
            }
        }
        int vocabSize = json.integer(TokenizerFile.VOCAB_SIZE, 1, Integer.MAX_VALUE);
        if (vocabSize != codePoints.length + 1) {
            throw json.problem(TokenizerFile.VOCAB_SIZE, (codePoints.length + 1) + " (the unknown token + "
                    + codePoints.length + " code points)", json.field(TokenizerFile.VOCAB_SIZE));
        }
        return new CharTokenizer(codePoints);
    }

    private int id(int codePoint) {
        int index = Arrays.binarySearch(codePoints, codePoint);
        return index < 0 ? UNKNOWN_ID : index + 1;
    }

    /** Equal when the vocabularies are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof CharTokenizer that && Arrays.equals(codePoints, that.codePoints);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codePoints);
    }

    @Override
    public String toString() {
        return "CharTokenizer[vocabSize=" + vocabSize() + "]";
    }
}
