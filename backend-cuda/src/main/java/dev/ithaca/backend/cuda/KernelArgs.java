package dev.ithaca.backend.cuda;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The argument list of one kernel launch, as cuLaunchKernel takes it: an array whose entry i points
 * to host memory holding argument i. Both live in one per-thread native arena (slots first, values
 * after, 8-byte aligned), reused launch after launch: cuLaunchKernel copies the values before it
 * returns, so nothing is allocated per launch. Build it right before the launch, on the launching
 * thread.
 */
final class KernelArgs {
    static final int MAX_ARGUMENTS = 32;
    static final int ARENA_BYTES = 16 << 10;
    private static final int VALUES_START = MAX_ARGUMENTS * Long.BYTES;
    private static final ThreadLocal<KernelArgs> PER_THREAD = ThreadLocal.withInitial(KernelArgs::new);

    private final BytePointer arena = new BytePointer(ARENA_BYTES);
    private final PointerPointer<?> params = new PointerPointer<>(arena);   // a view of the slots, not a copy
    private int count;
    private long cursor = VALUES_START;

    private KernelArgs() {
    }

    /** This thread's argument list, emptied. */
    static KernelArgs begin() {
        KernelArgs args = PER_THREAD.get();
        args.count = 0;
        args.cursor = VALUES_START;
        return args;
    }

    /** A device pointer (or a host address) argument. */
    KernelArgs pointer(long address) {
        arena.putLong(slot(Long.BYTES), address);
        return this;
    }

    KernelArgs i32(int value) {
        arena.putInt(slot(Integer.BYTES), value);
        return this;
    }

    KernelArgs i64(long value) {
        arena.putLong(slot(Long.BYTES), value);
        return this;
    }

    KernelArgs f64(double value) {
        arena.putDouble(slot(Double.BYTES), value);
        return this;
    }

    /** A struct of 8-byte fields passed by value (Geometry, ReducedBlock, Window, ...). */
    KernelArgs words(long[] words) {
        long at = slot((long) words.length * Long.BYTES);
        for (int i = 0; i < words.length; i++) {
            arena.putLong(at + (long) i * Long.BYTES, words[i]);
        }
        return this;
    }

    /** The kernelParams array for cuLaunchKernel. */
    PointerPointer<?> params() {
        return params;
    }

    int count() {
        return count;
    }

    /** Address of the value of argument {@code i} (what params()[i] holds). */
    long valueAddress(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("argument " + i + " of " + count);
        }
        return arena.getLong((long) i * Long.BYTES);
    }

    private long slot(long bytes) {
        if (count == MAX_ARGUMENTS) {
            throw new IllegalStateException("a kernel launch takes at most " + MAX_ARGUMENTS + " arguments");
        }
        long at = cursor;
        if (at + bytes > ARENA_BYTES) {
            throw new IllegalStateException("kernel arguments exceed " + ARENA_BYTES + " bytes");
        }
        arena.putLong((long) count * Long.BYTES, arena.address() + at);
        count++;
        cursor = (at + bytes + Long.BYTES - 1) & -Long.BYTES;
        return at;
    }
}
