package dev.ithaca.data.text;

/**
 * Splits bytes into the chunks that byte-level BPE merges within (merges never cross a chunk
 * boundary), following GPT-2's pattern
 * {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+}, tried in
 * that order at each position, with two changes so that every script and every byte sequence is
 * handled well:
 * <ul>
 *   <li>Combining marks ({@code \p{M}}) continue a letter or number run, so words in scripts
 *       written with vowel signs or diacritics (Devanagari, Arabic, decomposed Latin) stay one
 *       chunk instead of breaking at every mark. Elsewhere a mark counts as "other" and joins a
 *       punctuation/symbol run, which keeps emoji with variation selectors, skin tones and
 *       zero-width joiners together.</li>
 *   <li>The input is scanned as bytes: well-formed UTF-8 is decoded strictly (no overlong forms,
 *       surrogates or values above U+10FFFF); every byte that is not part of a well-formed
 *       sequence counts as one "other" character. So any byte sequence splits, and the chunks
 *       always cover the input exactly.</li>
 * </ul>
 * Whitespace is {@link Character#isWhitespace} or {@link Character#isSpaceChar} or U+0085.
 */
final class PreTokenizer {
    static final String NAME = "gpt2-with-marks";

    private static final int LETTER = 0;
    private static final int NUMBER = 1;
    private static final int MARK = 2;
    private static final int SPACE = 3;
    private static final int OTHER = 4;
    private static final byte[] ASCII_CLASS = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_CLASS[c] = (byte) unicodeClass(c);
        }
    }

    /** Receives each chunk as the byte range {@code [from, to)}. */
    @FunctionalInterface
    interface ChunkSink {
        void accept(int from, int to);
    }

    private PreTokenizer() {
    }

    /** Calls {@code sink} for each chunk of {@code bytes[from, to)}, in order; together they cover the range. */
    static void split(byte[] bytes, int from, int to, ChunkSink sink) {
        int p = from;
        while (p < to) {
            int end = chunkEnd(bytes, p, to);
            sink.accept(p, end);
            p = end;
        }
    }

    private static int chunkEnd(byte[] b, int p, int to) {
        if (b[p] == '\'') {
            int contraction = contractionLength(b, p, to);
            if (contraction > 0) {
                return p + contraction;
            }
        }
        int start = p;
        if (b[p] == ' ' && p + 1 < to) {
            int nextClass = classAt(b, p + 1, to);
            if (nextClass != SPACE) {
                start = p + 1;   // " ?X+": the single space joins the run after it
            }
        }
        int first = classAt(b, start, to);
        return switch (first) {
            case LETTER, NUMBER -> run(b, start, to, first);
            case MARK, OTHER -> run(b, start, to, OTHER);
            default -> whitespaceEnd(b, p, to);
        };
    }

    /** End of the run that starts at {@code p}: letters or numbers (each followed by marks), or "other" and marks. */
    private static int run(byte[] b, int p, int to, int runClass) {
        p += length(b, p, to);
        while (p < to) {
            int c = classAt(b, p, to);
            boolean continues = c == runClass || c == MARK || (runClass == OTHER && c == OTHER);
            if (!continues) {
                break;
            }
            p += length(b, p, to);
        }
        return p;
    }

    /** {@code \s+(?!\S)|\s+}: a whitespace run, minus its last character when a non-space follows. */
    private static int whitespaceEnd(byte[] b, int p, int to) {
        int last = p;
        int end = p;
        while (end < to && classAt(b, end, to) == SPACE) {
            last = end;
            end += length(b, end, to);
        }
        if (end == to || last == p) {
            return end;
        }
        return last;
    }

    private static int contractionLength(byte[] b, int p, int to) {
        if (p + 1 >= to) {
            return 0;
        }
        byte c = b[p + 1];
        if (c == 's' || c == 't' || c == 'm' || c == 'd') {
            return 2;
        }
        if (p + 2 < to) {
            byte d = b[p + 2];
            if ((c == 'r' && d == 'e') || (c == 'v' && d == 'e') || (c == 'l' && d == 'l')) {
                return 3;
            }
        }
        return 0;
    }

    private static int classAt(byte[] b, int p, int to) {
        int lead = b[p];
        if (lead >= 0) {
            return ASCII_CLASS[lead];
        }
        int codePoint = decode(b, p, to);
        return codePoint < 0 ? OTHER : unicodeClass(codePoint);
    }

    /** Bytes taken by the character at {@code p}: its UTF-8 length, or 1 for a byte outside a well-formed sequence. */
    private static int length(byte[] b, int p, int to) {
        int lead = b[p] & 0xFF;
        if (lead < 0x80) {
            return 1;
        }
        return decode(b, p, to) < 0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    }

    /** The code point of the well-formed UTF-8 sequence at {@code p} (Unicode Table 3-7), or -1. */
    static int decode(byte[] b, int p, int to) {
        int lead = b[p] & 0xFF;
        if (lead < 0x80) {
            return lead;
        }
        if (lead < 0xC2 || lead > 0xF4) {
            return -1;   // continuation byte, overlong two-byte lead, or beyond U+10FFFF
        }
        if (lead < 0xE0) {
            return p + 1 < to && isContinuation(b[p + 1]) ? ((lead & 0x1F) << 6) | (b[p + 1] & 0x3F) : -1;
        }
        if (lead < 0xF0) {
            if (p + 2 >= to) {
                return -1;
            }
            int b1 = b[p + 1] & 0xFF;
            int low = lead == 0xE0 ? 0xA0 : 0x80;   // E0 80..9F would be overlong
            int high = lead == 0xED ? 0x9F : 0xBF;  // ED A0..BF would be a surrogate
            if (b1 < low || b1 > high || !isContinuation(b[p + 2])) {
                return -1;
            }
            return ((lead & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b[p + 2] & 0x3F);
        }
        if (p + 3 >= to) {
            return -1;
        }
        int b1 = b[p + 1] & 0xFF;
        int low = lead == 0xF0 ? 0x90 : 0x80;       // F0 80..8F would be overlong
        int high = lead == 0xF4 ? 0x8F : 0xBF;      // F4 90.. would exceed U+10FFFF
        if (b1 < low || b1 > high || !isContinuation(b[p + 2]) || !isContinuation(b[p + 3])) {
            return -1;
        }
        return ((lead & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b[p + 2] & 0x3F) << 6) | (b[p + 3] & 0x3F);
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    private static int unicodeClass(int codePoint) {
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || codePoint == 0x85) {
            return SPACE;
        }
        return switch (Character.getType(codePoint)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER -> LETTER;
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> NUMBER;
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK -> MARK;
            default -> OTHER;
        };
    }
}
