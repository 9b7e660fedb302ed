package dev.ithaca.loops;

import dev.ithaca.nn.Module;

import java.util.ArrayList;
import java.util.List;

/**
 * The training flag of every module in a tree, captured so evaluation can switch the whole tree to
 * eval and then put back each flag as it was (a frozen BatchNorm left in eval stays so).
 */
final class ModuleModes {
    private record Mode(Module module, boolean training) {
    }

    private final List<Mode> modes;

    private ModuleModes(List<Mode> modes) {
        this.modes = modes;
    }

    static ModuleModes of(Module root) {
        List<Mode> modes = new ArrayList<>();
        root.namedModules().values().forEach(m -> modes.add(new Mode(m, m.isTraining())));
        return new ModuleModes(modes);
    }

    /**
     * Restores every flag. {@link Module#train(boolean)} sets a whole subtree, and the modules are
     * listed parents first, so each module's own setting is applied after its ancestors'.
     */
    void restore() {
        modes.forEach(m -> m.module().train(m.training()));
    }
}
