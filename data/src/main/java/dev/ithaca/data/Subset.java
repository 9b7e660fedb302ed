package dev.ithaca.data;

import dev.ithaca.train.Batch;

import java.util.Objects;

/**
 * The examples of another dataset at given indices, in that order (PyTorch's {@code Subset}).
 * Example {@code i} of the subset is example {@code indices[i]} of the underlying dataset.
 */
public final class Subset implements Dataset {
    private final Dataset dataset;
    private final long[] indices;

    /** @param indices indices into {@code dataset}, each in {@code [0, dataset.size())} (copied) */
    public Subset(Dataset dataset, long[] indices) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.indices = indices.clone();
        long n = dataset.size();
        for (int i = 0; i < this.indices.length; i++) {
            if (this.indices[i] < 0 || this.indices[i] >= n) {
                throw new IndexOutOfBoundsException("Subset: indices[" + i + "] = " + this.indices[i] + " is outside [0, " + n
                        + ") of " + dataset);
            }
        }
    }

    /** The dataset this subset selects from. */
    public Dataset dataset() {
        return dataset;
    }

    /** The selected indices of {@link #dataset()}, in subset order (a copy). */
    public long[] indices() {
        return indices.clone();
    }

    @Override
    public long size() {
        return indices.length;
    }

    @Override
    public Batch batch(long[] rows) {
        long[] mapped = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            long row = rows[i];
            if (row < 0 || row >= indices.length) {
                throw new IndexOutOfBoundsException("Subset: index " + row + " is outside [0, " + indices.length + ")");
            }
            mapped[i] = indices[(int) row];
        }
        return dataset.batch(mapped);
    }

    @Override
    public String toString() {
        return "Subset(" + indices.length + " of " + dataset + ")";
    }
}
