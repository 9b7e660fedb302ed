package dev.ithaca.schedule;

import dev.ithaca.train.Optimizer;

import java.util.Map;

/**
 * Cosine annealing from each group's base lr to {@code etaMin} over {@code tMax} epochs, PyTorch's
 * {@code CosineAnnealingLR}. The closed form is
 * {@code lr = etaMin + (base_lr - etaMin) * (1 + cos(pi * epoch / tMax)) / 2}; {@link #step()} uses
 * PyTorch's recursive form, which scales the current lr so that it composes with other schedulers,
 * and which, like the closed form, keeps going past {@code tMax}: the lr climbs back to the base lr
 * at {@code 2 * tMax}, and so on (no restarts; see SGDR for those).
 */
public final class CosineAnnealingLR extends AbstractLRScheduler {
    private final int tMax;
    private final double etaMin;

    /** PyTorch's default {@code eta_min = 0}. */
    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0.0);
    }

    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        this.tMax = Checks.atLeast("CosineAnnealingLR", "tMax", tMax, 1);
        this.etaMin = Checks.nonNegativeFinite("CosineAnnealingLR", "etaMin", etaMin);
        initialStep();
    }

    @Override
    protected double chainedLr(int group, double lr, int epoch) {
        if (epoch == 0) {
            return lr;
        }
        if (Math.floorMod(epoch - 1 - tMax, 2 * tMax) == 0) {
            // the step after a minimum: the ratio below would divide by 1 + cos(pi) = 0
            return lr + (baseLr(group) - etaMin) * (1 - StrictMath.cos(Math.PI / tMax)) / 2;
        }
        return (1 + StrictMath.cos(Math.PI * epoch / tMax)) / (1 + StrictMath.cos(Math.PI * (epoch - 1) / tMax))
                * (lr - etaMin) + etaMin;
    }

    @Override
    protected double closedFormLr(int group, int epoch) {
        return etaMin + (baseLr(group) - etaMin) * (1 + StrictMath.cos(Math.PI * epoch / tMax)) / 2;
    }

    @Override
    protected Map<String, Object> hyperparameters() {
        return StateValues.ordered("T_max", tMax, "eta_min", etaMin);
    }
}
