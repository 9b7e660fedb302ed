package dev.ithaca.data.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Maps text to token ids in {@code [0, vocabSize())} and back. Implementations are immutable and
 * safe to use from several threads at once.
 */
public interface Tokenizer {

    /** Number of distinct ids; every id this tokenizer produces or accepts is below it. */
    int vocabSize();

    /**
     * The ids of {@code text}, taken as its UTF-8 bytes. An unpaired surrogate cannot be written
     * in UTF-8; Java's encoder replaces it with {@code '?'}, and so does this method.
     */
    int[] encode(String text);

    /** The ids of {@code bytes}, which need not be valid UTF-8. */
    int[] encode(byte[] bytes);

    /** The bytes that {@code ids} stand for. Throws if an id is outside {@code [0, vocabSize())}. */
    byte[] decodeBytes(int[] ids);

    /**
     * The text that {@code ids} stand for: {@link #decodeBytes} read as UTF-8, with each malformed
     * sequence replaced by U+FFFD exactly as {@code new String(bytes, UTF_8)} does.
     */
    default String decode(int[] ids) {
        return new String(decodeBytes(ids), StandardCharsets.UTF_8);
    }

    /**
     * Writes this tokenizer as JSON to {@code file}, replacing it atomically (temp file in the same
     * directory, then a rename), so a failed write leaves the previous file intact. Missing parent
     * directories are created. Read it back with {@link Tokenizers#load}.
     */
    void save(Path file) throws IOException;
}
