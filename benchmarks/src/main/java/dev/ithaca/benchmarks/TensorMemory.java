package dev.ithaca.benchmarks;

import dev.ithaca.backend.cpu.CpuStorage;
import dev.ithaca.tensor.Tensor;
import org.bytedeco.javacpp.FloatPointer;

/**
 * A CPU tensor's raw memory, so a baseline can run native code on exactly the buffers the
 * Tensor side uses (same placement, same alignment, same cache state).
 */
final class TensorMemory {
    private TensorMemory() {
    }

    /** Address of the tensor's first element; valid while the tensor is open. */
    static long address(Tensor tensor) {
        if (!(tensor.strided().storage() instanceof CpuStorage storage)) {
            throw new IllegalArgumentException("benchmarks need CPU tensors, got " + tensor.describe());
        }
        return storage.address() + tensor.storageOffset() * tensor.dtype().byteSize();
    }

    /** A non-owning FLOAT32 pointer onto the tensor's memory: closing it frees nothing. */
    static FloatPointer floats(Tensor tensor) {
        return new FloatsAt(address(tensor));
    }

    private static final class FloatsAt extends FloatPointer {
        FloatsAt(long address) {
            this.address = address;
        }
    }
}
