package dev.ithaca.tensor;

import dev.ithaca.spi.Storage;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Lets a leaf keep the gradient a backward pass computed for it as its {@code grad}, instead of a
 * copy, as PyTorch's AccumulateGrad steals a gradient buffer nothing else references. A backward
 * pass never writes a gradient in place, so a buffer it made is safe to keep unless something else
 * can reach it later: the caller's root gradient (identity ops pass it through unchanged), or a
 * leaf that already kept the same memory (one gradient fanned out by an add). Those, and views that
 * are not exactly their whole buffer, are copied as before.
 */
final class GradientAdoption implements AutoCloseable {
    private static final ThreadLocal<GradientAdoption> CURRENT = new ThreadLocal<>();

    private final GradientAdoption previous;
    private final Storage root;
    private final Set<Storage> kept = Collections.newSetFromMap(new IdentityHashMap<>());

    private GradientAdoption(GradientAdoption previous, Storage root) {
        this.previous = previous;
        this.root = root;
    }

    /** Opens the bookkeeping for one backward pass seeded with {@code rootGradient}. */
    static GradientAdoption begin(Tensor rootGradient) {
        GradientAdoption adoption = new GradientAdoption(CURRENT.get(), rootGradient.strided().storage());
        CURRENT.set(adoption);
        return adoption;
    }

    /** True when {@code incoming} may become a {@code dtype} leaf's gradient as is; it is then recorded as kept. */
    static boolean mayKeep(Tensor incoming, DType dtype) {
        GradientAdoption current = CURRENT.get();
        if (current == null || incoming.dtype() != dtype || incoming.storageOffset() != 0 || !incoming.isContiguous()) {
            return false;
        }
        Storage storage = incoming.strided().storage();
        return storage != current.root && storage.byteSize() == incoming.numel() * dtype.byteSize() && current.kept.add(storage);
    }

    @Override
    public void close() {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
