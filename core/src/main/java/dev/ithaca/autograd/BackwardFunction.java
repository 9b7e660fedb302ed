package dev.ithaca.autograd;

import dev.ithaca.tensor.Tensor;

/** The backward of one op: output gradient in, one gradient per input out (null where not needed). */
@FunctionalInterface
public interface BackwardFunction {
    Tensor[] apply(Tensor gradOutput);
}
