package dev.ithaca.backend.cuda;

import org.bytedeco.javacpp.BooleanPointer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * JavaCPP pointers onto addresses this backend already owns (device blocks, pinned host buffers),
 * to hand them to CUDA calls. They own nothing: no deallocator is attached, so closing or
 * collecting them frees nothing (cudaMalloc'd memory is freed by the allocator, deterministically).
 */
final class DevicePointers {
    private DevicePointers() {
    }

    static Pointer at(long address) {
        return new At(address);
    }

    static FloatPointer floats(long address) {
        return new FloatAt(address);
    }

    static DoublePointer doubles(long address) {
        return new DoubleAt(address);
    }

    static IntPointer ints(long address) {
        return new IntAt(address);
    }

    static LongPointer longs(long address) {
        return new LongAt(address);
    }

    static BytePointer bytes(long address) {
        return new ByteAt(address);
    }

    static BooleanPointer booleans(long address) {
        return new BooleanAt(address);
    }

    private static final class At extends Pointer {
        At(long address) {
            this.address = address;
        }
    }

    private static final class FloatAt extends FloatPointer {
        FloatAt(long address) {
            this.address = address;
        }
    }

    private static final class DoubleAt extends DoublePointer {
        DoubleAt(long address) {
            this.address = address;
        }
    }

    private static final class IntAt extends IntPointer {
        IntAt(long address) {
            this.address = address;
        }
    }

    private static final class LongAt extends LongPointer {
        LongAt(long address) {
            this.address = address;
        }
    }

    private static final class ByteAt extends BytePointer {
        ByteAt(long address) {
            this.address = address;
        }
    }

    private static final class BooleanAt extends BooleanPointer {
        BooleanAt(long address) {
            this.address = address;
        }
    }
}
