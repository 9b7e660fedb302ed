package dev.ithaca.data;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;

import java.util.Arrays;
import java.util.Objects;

/**
 * Examples held in tensors, as PyTorch's {@code TensorDataset}: row {@code i} of {@code input}
 * (and of {@code target}, if any) is example {@code i}. A batch is one {@code indexSelect} along
 * dimension 0, on the tensors' backend.
 *
 * <p>The tensors stay the caller's: keep them open (not freed by a closing scope) while the
 * dataset is used, and close them afterwards.
 */
public final class TensorDataset implements Dataset {
    private final Tensor input;
    private final Tensor target;

    private TensorDataset(Tensor input, Tensor target) {
        this.input = Objects.requireNonNull(input, "input");
        this.target = target;
        if (input.dim() == 0) {
            throw new IllegalArgumentException("TensorDataset: input must have a first (example) dimension, got a scalar "
                    + input.describe());
        }
        if (target != null) {
            if (target.dim() == 0) {
                throw new IllegalArgumentException("TensorDataset: target must have a first (example) dimension, got a scalar "
                        + target.describe());
            }
            if (target.shape()[0] != input.shape()[0]) {
                throw new IllegalArgumentException("TensorDataset: input has " + input.shape()[0] + " examples ("
                        + input.describe() + ") but target has " + target.shape()[0] + " (" + target.describe()
                        + "); the first dimensions must be equal");
            }
            if (target.backend() != input.backend()) {
                throw new IllegalArgumentException("TensorDataset: input is on " + input.backend().name() + " but target on "
                        + target.backend().name() + "; move both to one backend");
            }
        }
    }

    /** Unlabelled examples: batches have a null target. */
    public static TensorDataset of(Tensor input) {
        return new TensorDataset(input, null);
    }

    /** Labelled examples; {@code target} may be null for unlabelled data. */
    public static TensorDataset of(Tensor input, Tensor target) {
        return new TensorDataset(input, target);
    }

    public Tensor input() {
        return input;
    }

    /** The targets, or null. */
    public Tensor target() {
        return target;
    }

    @Override
    public long size() {
        return input.shape()[0];
    }

    @Override
    public Batch batch(long[] indices) {
        long n = size();
        for (long index : indices) {
            if (index < 0 || index >= n) {
                throw new IndexOutOfBoundsException("TensorDataset: index " + index + " is outside [0, " + n + ")");
            }
        }
        try (NoGrad ignored = NoGrad.enter();
             Backends.Use use = Backends.use(input.backend());
             Tensor rows = Tensor.of(indices, indices.length)) {
            Tensor x = input.indexSelect(0, rows);
            Tensor y = target == null ? null : target.indexSelect(0, rows);
            return new Batch(x, y);
        }
    }

    @Override
    public String toString() {
        return "TensorDataset(input=" + input.describe() + (target == null ? "" : ", target=" + target.describe()) + ")";
    }
}
