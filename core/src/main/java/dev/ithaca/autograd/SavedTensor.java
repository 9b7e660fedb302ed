package dev.ithaca.autograd;

import dev.ithaca.tensor.Tensor;

/**
 * A tensor an op keeps for its backward: its own handle on the storage (so freeing the original
 * does not pull the memory away) and the storage version at save time, so a later in-place write
 * is caught with a clear error instead of silently giving wrong gradients.
 */
public final class SavedTensor {
    private final Tensor tensor;
    private final long version;
    private final String op;

    private SavedTensor(Tensor tensor, String op) {
        this.tensor = tensor.detach();
        this.version = tensor.strided().storage().version();
        this.op = op;
    }

    public static SavedTensor of(Tensor tensor, String op) {
        return new SavedTensor(tensor, op);
    }

    /** The saved tensor, after checking nothing wrote to it in place since it was saved. */
    public Tensor get() {
        if (tensor.isClosed()) {
            throw new IllegalStateException(op + ": a tensor saved for backward was already freed; backward can run only once"
                    + " per graph (its scope may also have closed before backward ran)");
        }
        long now = tensor.strided().storage().version();
        if (now != version) {
            throw new IllegalStateException(op + ": a tensor " + tensor.describe() + " needed for the gradient was modified"
                    + " in place after it was saved (version " + version + " -> " + now + "); clone it before the in-place write");
        }
        return tensor;
    }

    void release() {
        tensor.close();
    }
}
