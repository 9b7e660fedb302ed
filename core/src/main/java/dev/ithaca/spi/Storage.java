package dev.ithaca.spi;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A block of backend memory shared by a tensor and its views, freed when the last holder
 * releases it. Reference counting gives deterministic frees (scopes, {@code close()});
 * the {@link Cleaner} is only a safety net for holders that were dropped without closing.
 *
 * <p>The free action must not refer to this object, or the Cleaner could never run it.
 */
public abstract class Storage {
    private static final Cleaner SAFETY_NET = Cleaner.create();

    private final long byteSize;
    private final AtomicInteger holders = new AtomicInteger(1);
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();
    private final Cleaner.Cleanable cleanable;

    /** Starts with one holder: the tensor that allocated it. */
    protected Storage(long byteSize, Runnable freeAction) {
        if (byteSize < 0) {
            throw new IllegalArgumentException("byteSize must be >= 0, got " + byteSize);
        }
        this.byteSize = byteSize;
        this.cleanable = SAFETY_NET.register(this, freeAction);
    }

    public final long byteSize() {
        return byteSize;
    }

    /** Adds a holder (a new view of the same memory). */
    public final void retain() {
        int before = holders.getAndUpdate(n -> n > 0 ? n + 1 : n);
        if (before <= 0) {
            throw new IllegalStateException("Storage of " + byteSize + " bytes was already freed; it cannot gain a new view");
        }
    }

    /** Drops a holder; the memory goes back to the backend when the last one is gone. */
    public final void release() {
        int after = holders.decrementAndGet();
        if (after == 0) {
            cleanable.clean();
        } else if (after < 0) {
            throw new IllegalStateException("Storage of " + byteSize + " bytes released more often than retained");
        }
    }

    /** Counts in-place writes, so autograd can tell when a tensor it saved was changed under it. */
    public final long version() {
        return version.get();
    }

    /** Records one in-place write; tensor ops that mutate storage call it. */
    public final void bumpVersion() {
        version.incrementAndGet();
    }

    public final boolean isFreed() {
        return holders.get() <= 0;
    }
}
