package dev.ithaca.train;

import java.util.Map;

/**
 * Updates parameters from their gradients. The contract trainers and LR schedulers rely on; the
 * algorithms live in the {@code ithaca-optimizers} module. Learning rates are per parameter group,
 * as in PyTorch; the group-less accessors read group 0 and write every group.
 */
public interface Optimizer {

    /** Applies one update to every parameter that has a gradient. */
    void step();

    /** Clears every parameter's gradient (PyTorch's default {@code set_to_none=True}). */
    void zeroGrad();

    /** Number of parameter groups (at least 1). */
    int groupCount();

    double learningRate(int group);

    void setLearningRate(int group, double lr);

    /** Learning rate of group 0. */
    default double learningRate() {
        return learningRate(0);
    }

    /** Sets the learning rate of every group. */
    default void setLearningRate(double lr) {
        for (int g = 0; g < groupCount(); g++) {
            setLearningRate(g, lr);
        }
    }

    /**
     * Plain data (numbers, strings, lists, maps, and tensors for per-parameter state) that
     * {@link #loadStateDict} restores exactly, step counts included, so a resumed run continues the
     * same trajectory. Parameters are referred to by integer position, as in PyTorch.
     */
    Map<String, Object> stateDict();

    void loadStateDict(Map<String, ?> state);
}
