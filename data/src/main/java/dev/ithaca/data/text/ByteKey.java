package dev.ithaca.data.text;

import java.util.Arrays;

/**
 * A range of a byte array compared by content, so chunks can be counted and cached in hash maps
 * without copying them out of the corpus.
 */
final class ByteKey {
    private final byte[] array;
    private final int from;
    private final int to;
    private final int hash;

    ByteKey(byte[] array, int from, int to) {
        this.array = array;
        this.from = from;
        this.to = to;
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + array[i];
        }
        this.hash = h;
    }

    /** The key's bytes in their own array. */
    byte[] toArray() {
        return Arrays.copyOfRange(array, from, to);
    }

    /** The same key backed by its own copy, for keys that outlive the array they were cut from. */
    ByteKey compact() {
        return from == 0 && to == array.length ? this : new ByteKey(toArray(), 0, to - from);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ByteKey key && hash == key.hash
                && Arrays.equals(array, from, to, key.array, key.from, key.to);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
