package dev.ithaca.loops;

import dev.ithaca.spi.Backend;
import dev.ithaca.tensor.Tensor;

/** Moves batch tensors to the backend a loop runs on; a copy (in the open scope) is made only when needed. */
final class Placement {
    private Placement() {
    }

    static Tensor onto(Tensor tensor, Backend backend) {
        return tensor.backend() == backend ? tensor : tensor.to(backend);
    }
}
