package dev.ithaca.schedule;

import dev.ithaca.train.Optimizer;

import java.util.Arrays;
import java.util.Map;

/**
 * Multiplies each group's lr by {@code gamma} when the epoch reaches a milestone:
 * {@code lr = base_lr * gamma^(number of milestones <= epoch)}. PyTorch's {@code MultiStepLR}:
 * milestones may come in any order and a repeated milestone counts once per occurrence
 * (PyTorch keeps them in a {@code Counter}).
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
        this.milestones = sortedMilestones(milestones);
        this.gamma = Checks.positiveFinite("MultiStepLR", "gamma", gamma);
        initialStep();
    }

    private static int[] sortedMilestones(int[] milestones) {
        if (milestones == null) {
            throw new IllegalArgumentException("MultiStepLR: milestones must not be null");
        }
        int[] sorted = milestones.clone();
        Arrays.sort(sorted);
        if (sorted.length > 0 && sorted[0] < 0) {
            throw new IllegalArgumentException("MultiStepLR: milestones must be >= 0, got " + Arrays.toString(milestones));
        }
        return sorted;
    }

    @Override
    protected double chainedLr(int group, double lr, int epoch) {
        int occurrences = passed(epoch) - passed(epoch - 1);
        return occurrences == 0 ? lr : lr * StrictMath.pow(gamma, occurrences);
    }

    @Override
    protected double closedFormLr(int group, int epoch) {
        return baseLr(group) * StrictMath.pow(gamma, passed(epoch));
    }

    /** Python's {@code bisect_right(sorted milestones, epoch)}: how many milestones are <= epoch. */
    private int passed(int epoch) {
        int low = 0;
        int high = milestones.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (milestones[mid] <= epoch) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    @Override
    protected Map<String, Object> hyperparameters() {
        return StateValues.ordered("milestones", StateValues.list(milestones), "gamma", gamma);
    }
}
