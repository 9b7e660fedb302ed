package dev.ithaca.schedule;

import dev.ithaca.train.LRScheduler;
import dev.ithaca.train.Optimizer;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The bookkeeping every epoch-indexed scheduler shares, after PyTorch's {@code LRScheduler}: base
 * learning rates per parameter group, the epoch counter {@code last_epoch}, the constructor's
 * initial step, the last learning rates, and the state dict.
 *
 * <p>A subclass states its schedule twice, as PyTorch does: {@link #closedFormLr} gives the lr of a
 * group at any epoch from its base lr alone, and {@link #chainedLr} (PyTorch's chainable
 * {@code get_lr}) gives the next lr from the optimizer's <em>current</em> lr, so several schedulers
 * stepping one optimizer compose by multiplication. {@link #step()} uses the chainable form;
 * {@link SequentialLR} jumps to a milestone with the closed form. A subclass without a chainable form
 * keeps the default, which sets the closed-form value (PyTorch's {@code LambdaLR}, {@code OneCycleLR}).
 *
 * <p>Subclass constructors set their fields and then call {@link #initialStep()}, which moves
 * {@code last_epoch} from -1 to 0 and applies epoch 0, as PyTorch's constructor does.
 *
 * <p>Base learning rates are the optimizer's learning rates when the scheduler is constructed.
 * PyTorch keeps them in each param group's {@code initial_lr}, set once by the first scheduler built
 * on the optimizer; the {@link Optimizer} contract has no such slot, so a second scheduler chained on
 * the same optimizer takes the lr it finds (already changed by the first one's initial step). That
 * only matters where a base lr enters the formula: the closed forms and CosineAnnealingLR's step
 * after each minimum. {@link SequentialLR} restores PyTorch's behaviour for its children.
 */
public abstract class AbstractLRScheduler implements LRScheduler {
    private final Optimizer optimizer;
    private final String name;
    private double[] baseLrs;
    private double[] lastLrs;
    private int lastEpoch = -1;

    /** Base learning rates are the optimizer's current ones. */
    protected AbstractLRScheduler(Optimizer optimizer) {
        this(optimizer, currentLrs(Objects.requireNonNull(optimizer, "optimizer")));
    }

    /** Base learning rates given explicitly, one per parameter group (OneCycleLR derives them from maxLr). */
    protected AbstractLRScheduler(Optimizer optimizer, double[] baseLrs) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.name = getClass().getSimpleName();
        this.baseLrs = Checks.perGroup(name, "baseLrs", baseLrs, optimizer.groupCount(), false);
        this.lastLrs = currentLrs(optimizer);
    }

    /**
     * The lr of {@code group} at {@code epoch} from the base lr alone (PyTorch's
     * {@code _get_closed_form_lr}). Must not change any state.
     */
    protected abstract double closedFormLr(int group, int epoch);

    /**
     * The lr of {@code group} at {@code epoch} given its current lr {@code lr} (PyTorch's chainable
     * {@code get_lr}). Called with epoch 0 exactly once per (re)start, for the initial step, and with
     * {@code epoch = lastEpoch() + 1} on every {@link #step()}. Defaults to the closed form, for
     * schedules that set the lr rather than scale it.
     */
    protected double chainedLr(int group, double lr, int epoch) {
        return closedFormLr(group, epoch);
    }

    /** This scheduler's settings under PyTorch's attribute names, saved with its state and checked on load. */
    protected Map<String, Object> hyperparameters() {
        return Map.of();
    }

    /** PyTorch's {@code _initial_step}: subclass constructors call this last, once their fields are set. */
    protected final void initialStep() {
        lastEpoch = -1;
        step();
    }

    protected final double baseLr(int group) {
        return baseLrs[group];
    }

    @Override
    public final void step() {
        int epoch = lastEpoch + 1;
        double[] lrs = new double[checkedGroupCount()];
        for (int g = 0; g < lrs.length; g++) {
            lrs[g] = chainedLr(g, optimizer.learningRate(g), epoch);
        }
        // commit only once every group's lr is known, so a refused step leaves the state as it was
        lastEpoch = epoch;
        apply(lrs);
    }

    /** The learning rate of every group at {@code epoch} by the closed form, without changing anything. */
    public final List<Double> closedFormLrs(int epoch) {
        Checks.atLeast(name, "epoch", epoch, 0);
        double[] lrs = new double[baseLrs.length];
        for (int g = 0; g < lrs.length; g++) {
            lrs[g] = closedFormLr(g, epoch);
        }
        return List.copyOf(StateValues.list(lrs));
    }

    @Override
    public final List<Double> lastLrs() {
        return List.copyOf(StateValues.list(lastLrs));
    }

    /** PyTorch's {@code last_epoch}: 0 after construction, +1 per {@link #step()}. */
    public final int lastEpoch() {
        return lastEpoch;
    }

    /** PyTorch's {@code base_lrs}: the learning rate of each group that the schedule scales. */
    public final List<Double> baseLrs() {
        return List.copyOf(StateValues.list(baseLrs));
    }

    public final Optimizer optimizer() {
        return optimizer;
    }

    /**
     * {@code last_epoch}, {@code base_lrs} and {@code last_lr}, plus this scheduler's settings. The
     * optimizer's own state holds its current learning rates, which chainable schedules continue from:
     * restore it too when resuming, as in PyTorch.
     */
    @Override
    public final Map<String, Object> stateDict() {
        Map<String, Object> state = StateValues.ordered();
        state.putAll(hyperparameters());
        state.put("last_epoch", lastEpoch);
        state.put("base_lrs", StateValues.list(baseLrs));
        state.put("last_lr", StateValues.list(lastLrs));
        return state;
    }

    @Override
    public final void loadStateDict(Map<String, ?> state) {
        StateValues.requireSameConfiguration(name, hyperparameters(), state);
        int epoch = StateValues.intValue(name, state, "last_epoch");
        // -1: a SequentialLR child that has not started yet
        Checks.atLeast(name, "state last_epoch", epoch, -1);
        double[] base = StateValues.doubles(name, state, "base_lrs", baseLrs.length);
        double[] last = StateValues.doubles(name, state, "last_lr", baseLrs.length);
        lastEpoch = epoch;
        baseLrs = base;
        lastLrs = last;
    }

    /** PyTorch's {@code _update_lr(epoch)}: jump to {@code epoch} by the closed form (SequentialLR's milestones). */
    final void jumpTo(int epoch) {
        checkedGroupCount();
        double[] lrs = new double[baseLrs.length];
        for (int g = 0; g < lrs.length; g++) {
            lrs[g] = closedFormLr(g, epoch);
        }
        lastEpoch = epoch;
        apply(lrs);
    }

    /** Takes back the constructor's step, so SequentialLR can start this scheduler later. */
    final void undoStep() {
        lastEpoch--;
    }

    /** Shares SequentialLR's initial learning rates, as PyTorch's schedulers share {@code initial_lr}. */
    final void rebase(double[] lrs) {
        baseLrs = lrs.clone();
    }

    final double[] baseLrArray() {
        return baseLrs.clone();
    }

    private int checkedGroupCount() {
        int groups = optimizer.groupCount();
        if (groups != baseLrs.length) {
            throw new IllegalStateException(name + ": the optimizer has " + groups + " parameter groups but the"
                    + " scheduler was built for " + baseLrs.length + "; build a new scheduler after adding groups");
        }
        return groups;
    }

    private void apply(double[] lrs) {
        for (int g = 0; g < lrs.length; g++) {
            optimizer.setLearningRate(g, lrs[g]);
        }
        lastLrs = currentLrs(optimizer);
    }

    static double[] currentLrs(Optimizer optimizer) {
        double[] lrs = new double[optimizer.groupCount()];
        for (int g = 0; g < lrs.length; g++) {
            lrs[g] = optimizer.learningRate(g);
        }
        return lrs;
    }
}
