package dev.ithaca.data.text;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Special tokens such as {@code <|endoftext|>}: strings that stand for one id each and are cut out
 * of the input before pre-tokenization, so they never merge with the text around them. Where
 * several match at one position the longest wins.
 */
final class SpecialTokens {
    private final List<String> tokens;
    private final byte[][] bytes;
    private final boolean[] firstBytes = new boolean[256];

    /** Receives the input between special tokens as byte ranges, and each special token by index. */
    interface SegmentSink {
        void text(int from, int to);

        void special(int index);
    }

    private SpecialTokens(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        this.bytes = new byte[tokens.size()][];
        for (int i = 0; i < tokens.size(); i++) {
            bytes[i] = tokens.get(i).getBytes(StandardCharsets.UTF_8);
            firstBytes[bytes[i][0] & 0xFF] = true;
        }
    }

    /** Checks {@code tokens}: non-empty, distinct, valid Unicode (they must survive a UTF-8 round trip). */
    static SpecialTokens of(List<String> tokens) {
        Objects.requireNonNull(tokens, "specialTokens");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (token == null || token.isEmpty()) {
                throw new IllegalArgumentException("specialTokens[" + i + "] is " + (token == null ? "null" : "empty")
                        + "; special tokens must be non-empty strings such as \"<|endoftext|>\"");
            }
            if (!new String(token.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(token)) {
                throw new IllegalArgumentException("specialTokens[" + i + "] = \"" + token
                        + "\" contains an unpaired surrogate, which UTF-8 cannot represent");
            }
            if (!seen.add(token)) {
                throw new IllegalArgumentException("specialTokens lists \"" + token + "\" twice; each special token must be distinct");
            }
        }
        return new SpecialTokens(tokens);
    }

    List<String> tokens() {
        return tokens;
    }

    int size() {
        return tokens.size();
    }

    int indexOf(String token) {
        return tokens.indexOf(token);
    }

    byte[] bytes(int index) {
        return bytes[index];
    }

    /** Walks {@code input}, handing text ranges and special tokens to {@code sink} in order. */
    void split(byte[] input, SegmentSink sink) {
        int textStart = 0;
        if (!tokens.isEmpty()) {
            for (int p = 0; p < input.length; ) {
                int match = firstBytes[input[p] & 0xFF] ? longestMatch(input, p) : -1;
                if (match < 0) {
                    p++;
                    continue;
                }
                if (textStart < p) {
                    sink.text(textStart, p);
                }
                sink.special(match);
                p += bytes[match].length;
                textStart = p;
            }
        }
        if (textStart < input.length) {
            sink.text(textStart, input.length);
        }
    }

    private int longestMatch(byte[] input, int p) {
        int best = -1;
        for (int i = 0; i < bytes.length; i++) {
            byte[] token = bytes[i];
            if (p + token.length <= input.length && (best < 0 || token.length > bytes[best].length)
                    && java.util.Arrays.equals(input, p, p + token.length, token, 0, token.length)) {
                best = i;
            }
        }
        return best;
    }
}
