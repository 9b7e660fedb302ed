package dev.ithaca.optim;

import dev.ithaca.nn.Parameter;

import java.util.List;
import java.util.function.Function;

/**
 * One optimizer setting under test: how to build it over parameters, and the independent
 * reference that must follow the same trajectory.
 */
record Case(String name, Function<List<Parameter>, BaseOptimizer> build, Function<Reference.Precision, Reference.Optimizer> reference) {
    @Override
    public String toString() {
        return name;
    }
}
