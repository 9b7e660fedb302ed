package dev.ithaca.schedule;

import dev.ithaca.train.Optimizer;

import java.util.Arrays;
import java.util.Map;

/**
 * Multiplies each group's lr by {@code gamma} when the epoch reaches a milestone:
 * {@code lr = base_lr * gamma^(number of milestones <= epoch)}. PyTorch's {@code MultiStepLR};
 * milestones must be strictly increasing (PyTorch counts a repeated milestone twice; here that is
 * refused as the likely typo it is).
 */
public final class MultiStepLR extends AbstractLRScheduler {
    private final int[] milestones;
    private final double gamma;

    /** PyTorch's default {@code gamma = 0.1}. */
    public MultiStepLR(Optimizer optimizer, int[] milestones) {
        this(optimizer, milestones, 0.1);
    }

    public MultiStepLR(Optimizer optimizer, int[] milestones, double gamma) {
        super(optimizer);
        this.milestones = Checks.strictlyIncreasing("MultiStepLR", "milestones", milestones, 0);
        this.gamma = Checks.positiveFinite("MultiStepLR", "gamma", gamma);
        initialStep();
    }

    @Override
    protected double chainedLr(int group, double lr, int epoch) {
        return Arrays.binarySearch(milestones, epoch) >= 0 ? lr * gamma : lr;
    }

    @Override
    protected double closedFormLr(int group, int epoch) {
        return baseLr(group) * StrictMath.pow(gamma, passed(epoch));
    }

    /** Python's {@code bisect_right(milestones, epoch)}. */
    private int passed(int epoch) {
        int i = Arrays.binarySearch(milestones, epoch);
        return i >= 0 ? i + 1 : -(i + 1);
    }

    @Override
    protected Map<String, Object> hyperparameters() {
        return StateValues.ordered("milestones", StateValues.list(milestones), "gamma", gamma);
    }
}
