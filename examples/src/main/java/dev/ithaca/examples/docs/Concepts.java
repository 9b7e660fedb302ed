package dev.ithaca.examples.docs;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.memory.Scope;
import dev.ithaca.random.Generator;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.BackendDescription;
import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.Tensor;

import java.util.List;

/** docs/concepts.md: tensors, backends, memory scopes and autograd. */
public final class Concepts {
    private Concepts() {
    }

    /** Returns the row sums of a broadcast sum: [[11, 22, 33], [14, 25, 36]] summed over dim 1. */
    static float[] tensors() {
        // --8<-- [start:tensors]
        Tensor a = Tensor.of(new float[]{1, 2, 3, 4, 5, 6}, 2, 3);     // data, then the shape
        Tensor b = Tensor.of(new float[]{10, 20, 30}, 3);
        Tensor c = a.add(b);                       // NumPy broadcasting: [2, 3] + [3] -> [2, 3]
        Tensor rowSums = c.sum(1);                 // [66, 75]
        Tensor firstColumn = a.narrow(1, 0, 1);    // a view: shares a's storage, no copy
        Tensor product = a.matmul(a.t());          // [2, 3] x [3, 2] -> [2, 2]
        Tensor labels = Tensor.of(new long[]{3, 0, 1}, 3);               // INT64, as class indices are
        System.out.println(c);                     // prints shape, dtype, device and values
        System.out.println(firstColumn.isContiguous() + " " + product.toFloatArray()[0] + " " + labels.dtype());
        // --8<-- [end:tensors]
        return rowSums.toFloatArray();
    }

    /** Returns d/dx of sum(x^2 + 3x) at x = [1, 2, 3]: 2x + 3 = [5, 7, 9]. */
    static float[] autograd() {
        // --8<-- [start:autograd]
        Tensor x = Tensor.of(new float[]{1, 2, 3}, 3).requiresGrad(true);   // a leaf that wants its gradient
        Tensor y = x.square().add(x.mul(3)).sum();   // the tape records square, mul, add, sum
        y.backward();                                // reverse topological walk over the tape
        float[] dydx = x.grad().toFloatArray();      // 2x + 3 = [5, 7, 9]

        try (NoGrad off = NoGrad.enter()) {          // evaluation: nothing is recorded
            Tensor z = x.mul(2);
            System.out.println(z.requiresGrad());    // false
        }
        // --8<-- [end:autograd]
        return dydx;
    }

    /** Returns how many bytes stayed live after the scope: only the detached result's. */
    static long scopes() {
        Backend cpu = Backends.get("cpu");
        long before = cpu.memoryStats().liveBytes();
        // --8<-- [start:scope]
        Tensor kept;
        try (Scope scope = Scope.open()) {
            Tensor big = Tensor.ones(1000, 1000);            // 4 MB, freed when the scope closes
            Tensor total = big.mul(2).sum();                 // the intermediate is freed too
            kept = scope.detach(total);                      // ...but this one survives the scope
        }
        System.out.println(kept.item());                     // 2000000.0
        kept.close();                                        // outside a scope: close what you keep
        // --8<-- [end:scope]
        return cpu.memoryStats().liveBytes() - before;
    }

    /** Lists the backends on the classpath and runs a product on the CPU backend explicitly. */
    static List<BackendDescription> backends() {
        // --8<-- [start:backends]
        for (BackendDescription found : Backends.describe()) {
            System.out.println(found);   // name, priority, and availability with the reason when unusable
        }
        Backend cpu = Backends.get("cpu");          // throws BackendUnavailableException saying why, if it cannot run
        try (Backends.Use use = Backends.use(cpu)) { // tensors made on this thread go to cpu until closed
            Tensor t = Tensor.randn(new Generator(7), 4, 4);
            System.out.println(t.matmul(t).device());
        }
        // --8<-- [end:backends]
        return Backends.describe();
    }

    public static void main(String[] args) {
        tensors();
        autograd();
        scopes();
        backends();
    }
}
