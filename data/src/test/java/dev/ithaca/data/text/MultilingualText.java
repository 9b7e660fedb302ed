package dev.ithaca.data.text;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Deterministic synthetic prose in several scripts (Latin, Cyrillic, Greek, Arabic, Devanagari,
 * CJK, Hangul) with emoji sequences, numbers and punctuation. Words are drawn with Zipf's law
 * from a vocabulary of common real words followed by a long tail of generated ones, so that, as
 * in real text, a few chunks are very frequent and many are rare.
 */
final class MultilingualText {
    private static final String[] COMMON = {
            "the", "of", "and", "to", "in", "is", "was", "that", "for", "it", "with", "as", "his", "on", "be",
            "at", "by", "I", "this", "had", "not", "are", "but", "from", "or", "have", "an", "they", "which",
            "training", "model", "gradient", "tensor", "don't", "it's", "we're", "they'll", "Ithaca", "wine-dark",
            "и", "в", "не", "на", "я", "что", "быть", "время", "человек", "Москва", "обучение",
            "και", "το", "είναι", "θάλασσα", "Ιθάκη",
            "في", "من", "على", "إلى", "هذا", "كتاب", "العربية",
            "और", "का", "के", "में", "है", "किताब", "हिन्दी", "नमस्ते", "विद्यालय",
            "的", "是", "不", "了", "人", "我", "在", "学习", "模型", "日本語", "こんにちは", "한국어", "안녕하세요",
            "café", "naïve", "Zürich", "e\u0301te\u0301",
            "😀", "👍🏽", "👩‍💻", "👨‍👩‍👧‍👦", "🏳️‍🌈", "❤️", "🇬🇷", "1️⃣",
    };
    /** Syllables per script; a generated word is one to four syllables of one script. */
    private static final String[][] SYLLABLES = {
            {"ka", "to", "ri", "men", "sol", "an", "der", "in", "ve", "lo", "ph", "str", "ing", "tion", "ex", "qu", "ou", "be", "ch", "al"},
            {"ка", "то", "ри", "мен", "ст", "ов", "ни", "ло", "ва", "пр", "ение", "ать", "ко", "ду", "жи", "щ", "ый", "ая", "за", "по"},
            {"κα", "το", "ρι", "μέ", "στ", "ος", "νη", "λο", "βα", "πρ", "ση", "ει", "ου", "θε", "ξι"},
            {"كا", "تو", "ري", "من", "ست", "ال", "وا", "لم", "بر", "ين", "ون", "ة", "عن", "شي", "قد"},
            {"क", "ता", "रि", "मे", "स्त", "ना", "लो", "वा", "प्र", "ने", "कि", "हु", "ज्ञ", "श्र", "ों"},
            {"学", "生", "中", "国", "大", "时", "年", "出", "会", "可", "对", "天", "经", "发", "动", "工", "作", "情", "电", "机"},
            {"한", "국", "어", "사", "람", "하", "다", "는", "이", "가", "에", "서", "고", "지", "도"},
    };
    private static final String[] PUNCTUATION = {".", ",", "!", "?", ";", ":", " —", "...", "\"", ")", "(", "'"};
    private static final int GENERATED_WORDS = 40_000;
    private static final double ZIPF_EXPONENT = 1.05;

    private MultilingualText() {
    }

    /** About {@code bytes} bytes of UTF-8 text (a little more: whole sentences), the same for the same seed. */
    static String generate(int bytes, long seed) {
        Random random = new Random(seed);
        String[] vocabulary = vocabulary(new Random(seed ^ 0x5DEECE66DL));
        double[] cumulative = zipf(vocabulary.length);
        StringBuilder text = new StringBuilder(bytes);
        int written = 0;
        while (written < bytes) {
            StringBuilder sentence = new StringBuilder();
            int words = 3 + random.nextInt(14);
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    sentence.append(' ');
                }
                if (random.nextInt(100) < 4) {
                    sentence.append(random.nextInt(100_000));
                } else {
                    int rank = Arrays.binarySearch(cumulative, random.nextDouble());
                    sentence.append(vocabulary[Math.min(vocabulary.length - 1, rank < 0 ? -rank - 1 : rank)]);
                }
                if (random.nextInt(12) == 0) {
                    sentence.append(PUNCTUATION[random.nextInt(PUNCTUATION.length)]);
                }
            }
            sentence.append(random.nextInt(5) == 0 ? ".\n\n" : ". ");
            written += sentence.toString().getBytes(StandardCharsets.UTF_8).length;
            text.append(sentence);
        }
        return text.toString();
    }

    private static String[] vocabulary(Random random) {
        String[] words = Arrays.copyOf(COMMON, COMMON.length + GENERATED_WORDS);
        for (int i = COMMON.length; i < words.length; i++) {
            String[] syllables = SYLLABLES[random.nextInt(SYLLABLES.length)];
            StringBuilder word = new StringBuilder();
            for (int s = 1 + random.nextInt(4); s > 0; s--) {
                word.append(syllables[random.nextInt(syllables.length)]);
            }
            if (random.nextInt(10) == 0) {
                word.setCharAt(0, Character.toUpperCase(word.charAt(0)));
            }
            words[i] = word.toString();
        }
        return words;
    }

    /** Cumulative probabilities of ranks 0..n-1 under Zipf's law. */
    private static double[] zipf(int n) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int r = 0; r < n; r++) {
            sum += 1 / Math.pow(r + 1, ZIPF_EXPONENT);
            cumulative[r] = sum;
        }
        for (int r = 0; r < n; r++) {
            cumulative[r] /= sum;
        }
        return cumulative;
    }
}
