package dev.ithaca.backend.cpu;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * JavaCPP pointers onto memory this backend already owns, so OpenBLAS reads tensors in place.
 * They own nothing: no deallocator is attached and closing them frees nothing.
 */
final class AddressPointers {
    private AddressPointers() {
    }

    static FloatPointer floats(long address) {
        return new FloatAt(address);
    }

    static DoublePointer doubles(long address) {
        return new DoubleAt(address);
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
}
