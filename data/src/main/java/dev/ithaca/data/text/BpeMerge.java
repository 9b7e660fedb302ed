package dev.ithaca.data.text;

/**
 * One learned merge: the adjacent tokens {@code left} and {@code right} become one new token.
 * Merge number {@code r} (its rank, counting from 0) creates token id {@code 256 + r}; a lower
 * rank is applied first when encoding.
 */
public record BpeMerge(int left, int right) {

    public BpeMerge {
        if (left < 0 || right < 0) {
            throw new IllegalArgumentException("BpeMerge: token ids must be >= 0, got (" + left + ", " + right + ")");
        }
    }
}
