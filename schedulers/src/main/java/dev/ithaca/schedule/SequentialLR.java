package dev.ithaca.schedule;

import dev.ithaca.train.LRScheduler;
import dev.ithaca.train.Optimizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs schedulers one after another, PyTorch's {@code SequentialLR}: the first until the first
 * milestone, the second from there until the next, and so on. At each milestone the next scheduler
 * starts at its own epoch 0 (its closed form there), and from then on steps as usual.
 *
 * <p>As in PyTorch, constructing it resets the optimizer's learning rates to the initial ones, takes
 * back the initial step each child made in its own constructor, and redoes only the first child's.
 * The initial learning rates are the first child's base learning rates, and every child's base
 * learning rates become those, as PyTorch's children share their param groups' {@code initial_lr}:
 * build the children in list order on a fresh optimizer. The children then belong to this
 * scheduler; step only it.
 *
 * <pre>{@code
 * var warmup = new LinearLR(opt, 0.1, 1.0, 5);
 * var cosine = new CosineAnnealingLR(opt, 95);
 * LRScheduler scheduler = new SequentialLR(opt, List.of(warmup, cosine), new int[]{5});
 * }</pre>
 */
public final class SequentialLR implements LRScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(SequentialLR.class);
    private static final String NAME = "SequentialLR";

    private final Optimizer optimizer;
    private final List<AbstractLRScheduler> schedulers;
    private final int[] milestones;
    private int lastEpoch;
    private List<Double> lastLrs;

    public SequentialLR(Optimizer optimizer, List<? extends LRScheduler> schedulers, int[] milestones) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.schedulers = children(optimizer, schedulers);
        this.milestones = Checks.strictlyIncreasing(NAME, "milestones", milestones, 1);
        if (milestones.length != schedulers.size() - 1) {
            throw new IllegalArgumentException(NAME + ": expects one milestone fewer than schedulers, got "
                    + schedulers.size() + " schedulers and " + milestones.length + " milestones "
                    + Arrays.toString(milestones));
        }
        double[] initialLrs = this.schedulers.get(0).baseLrArray();
        for (int g = 0; g < initialLrs.length; g++) {
            optimizer.setLearningRate(g, initialLrs[g]);
        }
        for (AbstractLRScheduler s : this.schedulers) {
            s.rebase(initialLrs);
            s.undoStep();
        }
        this.schedulers.get(0).initialStep();
        this.lastEpoch = 0;
        this.lastLrs = this.schedulers.get(0).lastLrs();
    }

    private static List<AbstractLRScheduler> children(Optimizer optimizer, List<? extends LRScheduler> schedulers) {
        if (schedulers == null || schedulers.isEmpty()) {
            throw new IllegalArgumentException(NAME + ": expects at least one scheduler, got " + schedulers);
        }
        List<AbstractLRScheduler> children = new ArrayList<>(schedulers.size());
        Map<LRScheduler, Integer> seen = new IdentityHashMap<>();
        for (int i = 0; i < schedulers.size(); i++) {
            LRScheduler s = schedulers.get(i);
            if (s instanceof ReduceLROnPlateau) {
                throw new IllegalArgumentException(NAME + ": does not support ReduceLROnPlateau (at index " + i
                        + "), which needs a metric on every step");
            }
            if (!(s instanceof AbstractLRScheduler child)) {
                throw new IllegalArgumentException(NAME + ": the scheduler at index " + i + " is a "
                        + (s == null ? "null" : s.getClass().getName()) + "; children must extend "
                        + AbstractLRScheduler.class.getSimpleName() + " (nest no SequentialLR: list its children)");
            }
            if (child.optimizer() != optimizer) {
                throw new IllegalArgumentException(NAME + ": the " + child.getClass().getSimpleName() + " at index "
                        + i + " steps a different optimizer; every scheduler must belong to the same one");
            }
            Integer previous = seen.put(child, i);
            if (previous != null) {
                throw new IllegalArgumentException(NAME + ": the same scheduler is at index " + previous + " and "
                        + i + "; each child must be its own instance");
            }
            children.add(child);
        }
        return List.copyOf(children);
    }

    @Override
    public void step() {
        int epoch = lastEpoch + 1;
        int idx = bisectRight(epoch);
        AbstractLRScheduler scheduler = schedulers.get(idx);
        if (idx > 0 && milestones[idx - 1] == epoch) {
            LOG.debug("Epoch {}: switching to scheduler {} ({})", epoch, idx, scheduler.getClass().getSimpleName());
            scheduler.jumpTo(0);
        } else {
            scheduler.step();
        }
        lastEpoch = epoch;
        lastLrs = scheduler.lastLrs();
    }

    private int bisectRight(int epoch) {
        int i = Arrays.binarySearch(milestones, epoch);
        return i >= 0 ? i + 1 : -(i + 1);
    }

    @Override
    public List<Double> lastLrs() {
        return lastLrs;
    }

    /** Epochs since construction: 0 after it, +1 per {@link #step()}. */
    public int lastEpoch() {
        return lastEpoch;
    }

    /** {@code milestones}, {@code last_epoch}, {@code last_lr}, and each child's state under {@code schedulers}. */
    @Override
    public Map<String, Object> stateDict() {
        List<Map<String, Object>> children = new ArrayList<>(schedulers.size());
        for (AbstractLRScheduler s : schedulers) {
            children.add(s.stateDict());
        }
        return StateValues.ordered("milestones", StateValues.list(milestones), "last_epoch", lastEpoch,
                "last_lr", new ArrayList<>(lastLrs), "schedulers", children);
    }

    @Override
    public void loadStateDict(Map<String, ?> state) {
        StateValues.requireSameConfiguration(NAME, StateValues.ordered("milestones", StateValues.list(milestones)),
                state);
        int epoch = Checks.atLeast(NAME, "state last_epoch", StateValues.intValue(NAME, state, "last_epoch"), 0);
        double[] last = StateValues.doubles(NAME, state, "last_lr", lastLrs.size());
        List<?> saved = StateValues.listValue(NAME, state, "schedulers");
        if (saved.size() != schedulers.size()) {
            throw new IllegalArgumentException(NAME + ": the state holds " + saved.size() + " schedulers, this one has "
                    + schedulers.size());
        }
        List<Map<String, Object>> backup = new ArrayList<>();
        for (AbstractLRScheduler s : schedulers) {
            backup.add(s.stateDict());
        }
        try {
            for (int i = 0; i < saved.size(); i++) {
                if (!(saved.get(i) instanceof Map<?, ?> child)) {
                    throw new IllegalArgumentException(NAME + ": state schedulers[" + i + "] must be a map, got "
                            + saved.get(i));
                }
                @SuppressWarnings("unchecked")
                Map<String, ?> childState = (Map<String, ?>) child;
                schedulers.get(i).loadStateDict(childState);
            }
        } catch (RuntimeException e) {
            // leave every child as it was rather than half loaded
            for (int i = 0; i < backup.size(); i++) {
                schedulers.get(i).loadStateDict(backup.get(i));
            }
            throw e;
        }
        lastEpoch = epoch;
        lastLrs = List.copyOf(StateValues.list(last));
    }
}
