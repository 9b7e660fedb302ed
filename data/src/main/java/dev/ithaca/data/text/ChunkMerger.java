package dev.ithaca.data.text;

/**
 * Applies BPE merges to one chunk: repeatedly merges the adjacent pair with the lowest rank, the
 * leftmost first among equals (as GPT-2 does). A heap of candidate pairs over a linked list of
 * symbols makes this {@code O(n log n)} even for very long chunks. One instance per encoding call:
 * it reuses its scratch arrays and is not thread-safe.
 */
final class ChunkMerger {
    private static final int DEAD = -1;

    private final LongLongMap ranks;
    private final LongMinHeap heap = new LongMinHeap();
    private int[] ids = new int[64];
    private int[] next = new int[64];
    private int[] prev = new int[64];

    /** {@code ranks} maps {@link LongLongMap#pair} of two ids to the rank of their merge. */
    ChunkMerger(LongLongMap ranks) {
        this.ranks = ranks;
    }

    /** The token ids of {@code bytes[from, to)}. */
    int[] merge(byte[] bytes, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return new int[] {bytes[from] & 0xFF};
        }
        if (ids.length < n) {
            int capacity = Math.max(n, ids.length * 2);
            ids = new int[capacity];
            next = new int[capacity];
            prev = new int[capacity];
        }
        heap.clear();
        for (int i = 0; i < n; i++) {
            ids[i] = bytes[from + i] & 0xFF;
            next[i] = i + 1;
            prev[i] = i - 1;
        }
        for (int i = 0; i + 1 < n; i++) {
            offer(i, n);
        }
        int count = n;
        while (!heap.isEmpty()) {
            long entry = heap.pop();
            int rank = (int) (entry >>> 32);
            int i = (int) entry;
            int j = next[i];
            if (ids[i] == DEAD || j >= n || rank(ids[i], ids[j]) != rank) {
                continue;   // stale: one side was merged away since this candidate was offered
            }
            ids[i] = ByteLevelBpeTokenizer.BYTE_TOKENS + rank;
            ids[j] = DEAD;
            next[i] = next[j];
            if (next[i] < n) {
                prev[next[i]] = i;
            }
            count--;
            if (prev[i] >= 0) {
                offer(prev[i], n);
            }
            offer(i, n);
        }
        int[] result = new int[count];
        for (int i = 0, k = 0; i < n; i = next[i]) {
            result[k++] = ids[i];
        }
        return result;
    }

    private void offer(int i, int n) {
        int j = next[i];
        if (j < n) {
            int rank = rank(ids[i], ids[j]);
            if (rank >= 0) {
                heap.push(((long) rank << 32) | i);
            }
        }
    }

    private int rank(int left, int right) {
        return (int) ranks.get(LongLongMap.pair(left, right), -1);
    }
}
