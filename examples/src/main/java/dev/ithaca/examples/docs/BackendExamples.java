package dev.ithaca.examples.docs;

import dev.ithaca.memory.Scope;
import dev.ithaca.models.Mlp;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.BackendDescription;
import dev.ithaca.spi.Backends;
import dev.ithaca.spi.MemoryStats;
import dev.ithaca.tensor.Tensor;

/** docs/modules/backend-cpu.md and docs/cuda.md: reaching a backend explicitly. */
public final class BackendExamples {
    private BackendExamples() {
    }

    /** The backend training should use: CUDA where it is usable, else the CPU, with the reason printed. */
    static Backend gpuIfAvailable() {
        // --8<-- [start:gpu-if-available]
        Backend backend = Backends.get("cpu");
        for (BackendDescription found : Backends.describe()) {      // highest priority first: cuda, then cpu
            if (found.name().equals("cuda")) {
                if (found.availability().available()) {
                    backend = Backends.get("cuda");
                } else {
                    System.out.println("CPU only: " + found.availability().reason() + ". " + found.availability().remedy());
                }
            }
        }
        Mlp model = Mlp.builder().inputFeatures(784).hiddenWidths(256).outputFeatures(10).build();
        model.to(backend);                        // parameters move before the optimizer is built
        try (Scope scope = Scope.open()) {
            Tensor x = Tensor.zeros(32, 784).to(backend);
            System.out.println(model.forward(x).device());
        }
        // --8<-- [end:gpu-if-available]
        model.close();
        return backend;
    }

    /** Live bytes on the CPU backend after a tensor is freed (back to the starting point). */
    static long[] cpuMemory() {
        long[] deltas = new long[2];
        // --8<-- [start:memory]
        Backend cpu = Backends.get("cpu");
        try (Backends.Use use = Backends.use(cpu)) {              // tensors made on this thread go to cpu
            long before = cpu.memoryStats().liveBytes();
            Tensor t = Tensor.ones(256, 1024);                    // 1 MiB off-heap
            long during = cpu.memoryStats().liveBytes() - before; // 1048576
            t.close();                                            // back to the allocator's cache at once
            MemoryStats after = cpu.memoryStats();
            System.out.println(during + " " + (after.liveBytes() - before));   // 1048576 0
            System.out.println(after.reservedBytes());            // cached for reuse, up to ithaca.cpu.maxCachedBytes
            deltas = new long[]{during, after.liveBytes() - before};
        }
        // --8<-- [end:memory]
        return deltas;
    }

    public static void main(String[] args) {
        System.out.println(gpuIfAvailable().name());
        cpuMemory();
    }
}
