package dev.ithaca.data.text;

import java.util.Arrays;

/**
 * Open-addressing hash map from non-negative {@code long} keys to {@code long} values: token pair
 * counts and merge ranks, looked up millions of times while training and encoding, without
 * boxing. Keys are pairs of token ids packed by {@link #pair}, so they are never negative and
 * {@code -1} marks an empty slot.
 */
final class LongLongMap {
    private static final long EMPTY = -1;

    private long[] keys;
    private long[] values;
    private int size;
    private int mask;

    LongLongMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        allocate(capacity);
    }

    /** The key of the token pair {@code (left, right)}. */
    static long pair(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    static int left(long pair) {
        return (int) (pair >>> 32);
    }

    static int right(long pair) {
        return (int) pair;
    }

    long get(long key, long missing) {
        int slot = find(key);
        return keys[slot] == EMPTY ? missing : values[slot];
    }

    void put(long key, long value) {
        int slot = find(key);
        if (keys[slot] == EMPTY) {
            keys[slot] = key;
            size++;
            values[slot] = value;
            growIfFull();
        } else {
            values[slot] = value;
        }
    }

    /** Adds {@code delta} to the value of {@code key} (0 when absent) and returns the sum. */
    long add(long key, long delta) {
        int slot = find(key);
        if (keys[slot] == EMPTY) {
            keys[slot] = key;
            values[slot] = delta;
            size++;
            growIfFull();
            return delta;
        }
        return values[slot] += delta;
    }

    int size() {
        return size;
    }

    /** Calls {@code action} for every entry, in slot order. */
    void forEach(EntryAction action) {
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != EMPTY) {
                action.accept(keys[slot], values[slot]);
            }
        }
    }

    @FunctionalInterface
    interface EntryAction {
        void accept(long key, long value);
    }

    private int find(long key) {
        int slot = mix(key) & mask;
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private void growIfFull() {
        if (size * 2 <= keys.length) {
            return;
        }
        long[] oldKeys = keys;
        long[] oldValues = values;
        allocate(keys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = find(oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        values = new long[capacity];
        mask = capacity - 1;
    }
}
