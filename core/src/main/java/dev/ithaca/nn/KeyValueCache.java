package dev.ithaca.nn;

import dev.ithaca.memory.Scope;
import dev.ithaca.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * The keys and values a {@link CausalSelfAttention} computed for the positions it has already seen,
 * so incremental decoding attends to them instead of recomputing them (Hugging Face's
 * {@code past_key_values}). One cache per attention layer; it holds {@code [B, heads, T, headDim]}
 * tensors that belong to no scope, freed by {@link #clear()} or {@link #close()}. Meant for
 * inference under {@link dev.ithaca.autograd.NoGrad}.
 */
public final class KeyValueCache implements AutoCloseable {
    private Tensor keys;
    private Tensor values;

    /** Positions cached so far. */
    public long length() {
        return keys == null ? 0 : keys.size(2);
    }

    /** Forgets every position (frees the tensors); the cache can be filled again. */
    public void clear() {
        if (keys != null) {
            keys.close();
            values.close();
            keys = null;
            values = null;
        }
    }

    @Override
    public void close() {
        clear();
    }

    /**
     * Appends the keys and values of new positions ({@code [B, heads, T, headDim]}) after the cached
     * ones and returns the cached keys and values of every position; the cache keeps owning them.
     */
    List<Tensor> append(Tensor newKeys, Tensor newValues) {
        if (keys == null) {
            keys = owned(newKeys.contiguous());
            values = owned(newValues.contiguous());
        } else {
            long[] cached = keys.shape();
            long[] fresh = newKeys.shape();
            if (cached[0] != fresh[0] || cached[1] != fresh[1] || cached[3] != fresh[3]) {
                throw new IllegalArgumentException("KeyValueCache: holds keys [B, heads, T, headDim] = " + Arrays.toString(cached)
                        + " and cannot extend them with " + Arrays.toString(fresh)
                        + "; clear() it before decoding another batch or model");
            }
            Tensor longerKeys = owned(Tensor.cat(List.of(keys, newKeys), 2));
            Tensor longerValues = owned(Tensor.cat(List.of(values, newValues), 2));
            keys.close();
            values.close();
            keys = longerKeys;
            values = longerValues;
        }
        return List.of(keys, values);
    }

    private static Tensor owned(Tensor tensor) {
        Scope.untrack(tensor);
        return tensor;
    }

    @Override
    public String toString() {
        return "KeyValueCache(length=" + length() + ")";
    }
}
