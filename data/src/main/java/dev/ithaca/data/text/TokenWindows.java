package dev.ithaca.data.text;

import dev.ithaca.data.Dataset;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;

import java.util.Objects;

/**
 * Next-token prediction examples cut from one token stream: example {@code i} starts at
 * {@code s = i * stride}; its input is {@code tokens[s, s + T)} and its target the same window
 * shifted by one, {@code tokens[s + 1, s + T + 1)}, both INT64 of shape {@code [T]}. With the
 * default stride {@code T} the windows tile the stream without overlap; a smaller stride makes
 * them overlap. Tokens after the last whole window (fewer than {@code stride}) are not used.
 */
public final class TokenWindows implements Dataset {
    private final int[] tokens;
    private final int contextLength;
    private final int stride;
    private final long size;

    /** Windows of {@code contextLength} tokens that do not overlap (stride = context length). */
    public TokenWindows(int[] tokens, int contextLength) {
        this(tokens, contextLength, contextLength);
    }

    /**
     * @param tokens        the stream (copied); ids must be non-negative
     * @param contextLength tokens per example, {@code T >= 1}; the stream needs at least {@code T + 1}
     * @param stride        tokens between the starts of consecutive examples, {@code >= 1}
     */
    public TokenWindows(int[] tokens, int contextLength, int stride) {
        Objects.requireNonNull(tokens, "tokens");
        if (contextLength < 1) {
            throw new IllegalArgumentException("contextLength must be >= 1, got " + contextLength);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be >= 1, got " + stride);
        }
        if (tokens.length < (long) contextLength + 1) {
            throw new IllegalArgumentException("the token stream has " + tokens.length + " tokens but contextLength "
                    + contextLength + " needs at least " + ((long) contextLength + 1)
                    + " (a window of inputs plus the next token as the last target)");
        }
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0) {
                throw new IllegalArgumentException("tokens[" + i + "] = " + tokens[i] + " is negative; token ids are >= 0");
            }
        }
        this.tokens = tokens.clone();
        this.contextLength = contextLength;
        this.stride = stride;
        this.size = (tokens.length - contextLength - 1L) / stride + 1;
    }

    @Override
    public long size() {
        return size;
    }

    public int contextLength() {
        return contextLength;
    }

    public int stride() {
        return stride;
    }

    /** Length of the token stream. */
    public int tokenCount() {
        return tokens.length;
    }

    /** Input {@code [n, T]} and target {@code [n, T]} (the next tokens), both INT64. */
    @Override
    public Batch batch(long[] indices) {
        Objects.requireNonNull(indices, "indices");
        int n = indices.length;
        long elements = (long) n * contextLength;
        if (elements > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a batch of " + n + " windows of " + contextLength
                    + " tokens is too large for one array; use fewer indices");
        }
        long[] input = new long[(int) elements];
        long[] target = new long[(int) elements];
        for (int row = 0; row < n; row++) {
            long index = indices[row];
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("indices[" + row + "] = " + index + " is outside [0, " + size + ")");
            }
            int start = (int) (index * stride);
            int offset = row * contextLength;
            for (int t = 0; t < contextLength; t++) {
                input[offset + t] = tokens[start + t];
                target[offset + t] = tokens[start + t + 1];
            }
        }
        Tensor inputs = Tensor.of(input, n, contextLength);
        try {
            return new Batch(inputs, Tensor.of(target, n, contextLength));
        } catch (RuntimeException e) {
            inputs.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "TokenWindows[tokens=" + tokens.length + ", contextLength=" + contextLength + ", stride=" + stride
                + ", size=" + size + "]";
    }
}
