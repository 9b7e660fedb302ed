package dev.ithaca.data.transform;

import dev.ithaca.data.BatchContext;
import dev.ithaca.data.Transform;
import dev.ithaca.memory.Scope;
import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;

import java.util.Arrays;

/**
 * Replaces integer class targets {@code [batch, ...]} by one-hot rows {@code [batch, ..., numClasses]}
 * (for losses that take probabilities, such as {@code BCEWithLogitsLoss} or {@code MSELoss}).
 * The result is FLOAT32 unless another dtype is given. A class outside {@code [0, numClasses)}
 * is an error naming the sample, as {@code torch.nn.functional.one_hot}.
 */
public final class OneHot implements Transform {
    private final int numClasses;
    private final DType dtype;

    public OneHot(int numClasses) {
        this(numClasses, DType.FLOAT32);
    }

    /** @param dtype element type of the one-hot rows (any but BOOL) */
    public OneHot(int numClasses, DType dtype) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("OneHot: numClasses must be >= 1, got " + numClasses);
        }
        if (dtype == null || dtype == DType.BOOL) {
            throw new IllegalArgumentException("OneHot: dtype must be FLOAT32, FLOAT64, INT32 or INT64, got " + dtype);
        }
        this.numClasses = numClasses;
        this.dtype = dtype;
    }

    @Override
    public Batch apply(Batch batch, BatchContext context) {
        Tensor y = batch.target();
        if (y == null) {
            throw new IllegalArgumentException("OneHot: the batch has no target to encode");
        }
        if (!y.dtype().isIntegral()) {
            throw new IllegalArgumentException("OneHot: needs INT32 or INT64 class indices as target, got " + y.describe());
        }
        long[] classes = y.toLongArray();
        int perSample = classes.length / Math.max(context.size(), 1);
        float[] rows = new float[Math.multiplyExact(classes.length, numClasses)];
        for (int i = 0; i < classes.length; i++) {
            long c = classes[i];
            if (c < 0 || c >= numClasses) {
                throw new IllegalArgumentException("OneHot: class " + c + " of sample " + context.sampleIndex(i / Math.max(perSample, 1))
                        + " is outside [0, " + numClasses + ")");
            }
            rows[i * numClasses + (int) c] = 1;
        }
        long[] shape = Arrays.copyOf(y.shape(), y.dim() + 1);
        shape[y.dim()] = numClasses;
        Tensor encoded;
        try (Scope scope = Scope.open(); Backends.Use use = Backends.use(y.backend())) {
            Tensor floats = Tensor.of(rows, shape);
            encoded = scope.detach(dtype == DType.FLOAT32 ? floats : floats.to(dtype));
        }
        y.close();
        return new Batch(batch.input(), encoded);
    }

    @Override
    public String toString() {
        return "OneHot(" + numClasses + (dtype == DType.FLOAT32 ? "" : ", " + dtype) + ")";
    }
}
