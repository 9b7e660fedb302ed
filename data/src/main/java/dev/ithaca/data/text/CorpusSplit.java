package dev.ithaca.data.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.IntToLongFunction;

/**
 * A deterministic train/validation split in contiguous blocks, so validation text is never
 * interleaved with training text inside a line or a document.
 *
 * <p>The rule: the input is cut into at most {@link #blocks()} blocks of about equal length,
 * each cut at the allowed boundary nearest to its ideal position {@code b * length / blocks} —
 * a line start for text, a document start for a list of documents, any position for a token
 * stream — and after the previous cut. A cut with no boundary left is dropped, so a short input
 * gives fewer blocks; any input of two or more lines (documents, tokens) gives at least two. Of the {@code B} blocks,
 * {@code round(validationFraction * B)} (at least one, at most {@code B - 1}) go to validation,
 * chosen by a shuffle seeded with {@link #seed()} ({@link Random}, whose sequence is fixed by its
 * specification, so a seed gives the same split on every JVM). Each part keeps its blocks in
 * corpus order. The validation share therefore matches the fraction to within about half a
 * block; more blocks give a closer match but shorter contiguous stretches.
 *
 * <pre>{@code
 * CorpusSplit.Parts<String> parts = new CorpusSplit(0.1, 42).split(text);
 * parts.train(); parts.validation();
 * }</pre>
 */
public final class CorpusSplit {
    /** Default number of blocks: validation shares in steps of 1%. */
    public static final int DEFAULT_BLOCKS = 100;

    private final double validationFraction;
    private final long seed;
    private final int blocks;

    /** The two parts of a split, each in corpus order. */
    public record Parts<T>(T train, T validation) {
        public Parts {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(validation, "validation");
        }
    }

    /**
     * @param validationFraction share of the corpus for validation, strictly between 0 and 1
     * @param seed               picks which blocks go to validation
     */
    public CorpusSplit(double validationFraction, long seed) {
        this(validationFraction, seed, DEFAULT_BLOCKS);
    }

    private CorpusSplit(double validationFraction, long seed, int blocks) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be strictly between 0 and 1, got " + validationFraction);
        }
        if (blocks < 2) {
            throw new IllegalArgumentException("blocks must be >= 2 (one for each part at least), got " + blocks);
        }
        this.validationFraction = validationFraction;
        this.seed = seed;
        this.blocks = blocks;
    }

    /** This split with the corpus cut into at most {@code blocks} blocks (default {@value #DEFAULT_BLOCKS}). */
    public CorpusSplit withBlocks(int blocks) {
        return new CorpusSplit(validationFraction, seed, blocks);
    }

    public double validationFraction() {
        return validationFraction;
    }

    public long seed() {
        return seed;
    }

    public int blocks() {
        return blocks;
    }

    /**
     * Splits {@code text} at line starts (after each {@code '\n'}); block lengths are measured in
     * chars. Concatenating the blocks of both parts in corpus order gives back {@code text}.
     *
     * @throws IllegalArgumentException if the text has fewer than two lines to share out
     */
    public Parts<String> split(String text) {
        Objects.requireNonNull(text, "text");
        IntList lineStarts = new IntList(text.length() / 40);
        if (!text.isEmpty()) {
            lineStarts.add(0);
        }
        for (int i = text.indexOf('\n'); i >= 0 && i + 1 < text.length(); i = text.indexOf('\n', i + 1)) {
            lineStarts.add(i + 1);
        }
        int lines = lineStarts.size();
        Blocks blocks = blocks(lines, lineStarts::get, text.length(), "line");
        StringBuilder train = new StringBuilder();
        StringBuilder validation = new StringBuilder();
        blocks.forEach(lines, (from, to, isValidation) ->
                (isValidation ? validation : train).append(text, lineStarts.get(from), to < lines ? lineStarts.get(to) : text.length()));
        return new Parts<>(train.toString(), validation.toString());
    }

    /**
     * Splits a list of documents without breaking any of them; block lengths are measured in the
     * documents' chars.
     *
     * @throws IllegalArgumentException if there are fewer than two documents
     */
    public Parts<List<String>> splitDocuments(List<String> documents) {
        Objects.requireNonNull(documents, "documents");
        long[] documentStarts = new long[documents.size()];
        long total = 0;
        for (int i = 0; i < documents.size(); i++) {
            if (documents.get(i) == null) {
                throw new IllegalArgumentException("documents[" + i + "] is null");
            }
            documentStarts[i] = total;
            total += documents.get(i).length();
        }
        Blocks blocks = blocks(documents.size(), i -> documentStarts[i], total, "document");
        List<String> train = new ArrayList<>();
        List<String> validation = new ArrayList<>();
        blocks.forEach(documents.size(), (from, to, isValidation) -> (isValidation ? validation : train).addAll(documents.subList(from, to)));
        return new Parts<>(List.copyOf(train), List.copyOf(validation));
    }

    /**
     * Splits a token stream; blocks may start at any token.
     *
     * @throws IllegalArgumentException if there are fewer than two tokens
     */
    public Parts<int[]> split(int[] tokens) {
        Objects.requireNonNull(tokens, "tokens");
        Blocks blocks = blocks(tokens.length, i -> i, tokens.length, "token");
        IntList train = new IntList(tokens.length);
        IntList validation = new IntList(tokens.length / 4);
        blocks.forEach(tokens.length, (from, to, isValidation) ->
                (isValidation ? validation : train).addAll(Arrays.copyOfRange(tokens, from, to)));
        return new Parts<>(train.toArray(), validation.toArray());
    }

    // ---- the rule, over units (lines, documents, tokens) with cumulative lengths ----------------

    /** Receives each block as units {@code [from, to)} and whether it goes to validation. */
    @FunctionalInterface
    private interface BlockSink {
        void accept(int from, int to, boolean isValidation);
    }

    /** Block {@code b} starts at unit {@code starts[b]} and goes to validation if {@code validation[b]}. */
    private record Blocks(int[] starts, boolean[] validation) {
        void forEach(int units, BlockSink sink) {
            for (int b = 0; b < starts.length; b++) {
                sink.accept(starts[b], b + 1 < starts.length ? starts[b + 1] : units, validation[b]);
            }
        }
    }

    /** {@code startOf(k)} is where unit {@code k} starts, counted in the length measure; {@code total} is the length. */
    private Blocks blocks(int units, IntToLongFunction startOf, long total, String unitName) {
        int[] starts = blockStarts(units, startOf, total);
        if (starts.length < 2) {
            throw new IllegalArgumentException("cannot split a corpus of " + units + " " + unitName + (units == 1 ? "" : "s")
                    + " into training and validation parts: at least 2 " + unitName + "s are needed, one for each part");
        }
        int validationBlocks = (int) Math.max(1, Math.min(starts.length - 1, Math.round(validationFraction * starts.length)));
        List<Integer> order = new ArrayList<>(starts.length);
        for (int b = 0; b < starts.length; b++) {
            order.add(b);
        }
        Collections.shuffle(order, new Random(seed));
        boolean[] validation = new boolean[starts.length];
        for (int i = 0; i < validationBlocks; i++) {
            validation[order.get(i)] = true;
        }
        return new Blocks(starts, validation);
    }

    /**
     * First unit of each block: cut {@code b} goes to the unit start nearest to {@code b * total / blocks}
     * (the earlier one on a tie) among those after the previous cut.
     */
    private int[] blockStarts(int units, IntToLongFunction startOf, long total) {
        if (units == 0) {
            return new int[0];
        }
        IntList starts = new IntList(Math.min(blocks, units));
        starts.add(0);
        for (int b = 1; b < blocks; b++) {
            double target = (double) b * total / blocks;
            int after = firstAtOrAfter(units, startOf, (long) Math.ceil(target));
            int best = -1;
            for (int candidate = after - 1; candidate <= after; candidate++) {
                if (candidate > starts.last() && candidate < units
                        && (best < 0 || Math.abs(startOf.applyAsLong(candidate) - target) < Math.abs(startOf.applyAsLong(best) - target))) {
                    best = candidate;
                }
            }
            if (best >= 0) {
                starts.add(best);
            }
        }
        return starts.toArray();
    }

    private static int firstAtOrAfter(int units, IntToLongFunction startOf, long target) {
        int low = 0;
        int high = units;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (startOf.applyAsLong(mid) < target) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
