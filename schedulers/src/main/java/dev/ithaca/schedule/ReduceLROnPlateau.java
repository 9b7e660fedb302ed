package dev.ithaca.schedule;

import dev.ithaca.train.LRScheduler;
import dev.ithaca.train.Optimizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reduces the lr when a monitored metric stops improving, PyTorch's {@code ReduceLROnPlateau}. Each
 * {@link #step(double)} compares the metric with the best so far: in mode {@code "min"} it improves
 * when below {@code best * (1 - threshold)} ({@code thresholdMode "rel"}) or {@code best - threshold}
 * ({@code "abs"}); in mode {@code "max"} when above {@code best * (1 + threshold)} or
 * {@code best + threshold}. After more than {@code patience} epochs without improvement every
 * group's lr becomes {@code max(lr * factor, minLr)}, unless that lowers it by no more than
 * {@code eps}; then {@code cooldown} epochs pass in which bad epochs are not counted.
 *
 * <pre>{@code
 * ReduceLROnPlateau plateau = ReduceLROnPlateau.builder(opt).mode("min").factor(0.1).patience(10)
 *     .threshold(1e-4).thresholdMode("rel").cooldown(0).minLr(0).build();
 * plateau.step(valLoss);
 * }</pre>
 */
public final class ReduceLROnPlateau implements LRScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(ReduceLROnPlateau.class);
    private static final String NAME = "ReduceLROnPlateau";

    private final Optimizer optimizer;
    private final boolean maximize;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final boolean relative;
    private final int cooldown;
    /** A floor for every group, or null when {@link #minLrs} gives one per group. */
    private final Double defaultMinLr;
    private final double[] minLrs;
    private final double eps;

    private int lastEpoch;
    private double best;
    private int numBadEpochs;
    private int cooldownCounter;
    private List<Double> lastLrs;

    private ReduceLROnPlateau(Builder b) {
        this.optimizer = b.optimizer;
        this.maximize = b.mode.equals("max");
        this.factor = b.factor;
        this.patience = b.patience;
        this.threshold = b.threshold;
        this.relative = b.thresholdMode.equals("rel");
        this.cooldown = b.cooldown;
        this.defaultMinLr = b.minLrs == null ? b.minLr : null;
        this.minLrs = b.minLrs;
        this.eps = b.eps;
        this.best = worst();
        this.lastLrs = List.copyOf(StateValues.list(AbstractLRScheduler.currentLrs(optimizer)));
    }

    public static Builder builder(Optimizer optimizer) {
        return new Builder(optimizer);
    }

    /** Always refused: this scheduler needs the monitored value. */
    @Override
    public void step() {
        throw new IllegalStateException(NAME + ".step() needs the monitored metric: call step(metric), e.g."
                + " plateau.step(valLoss)");
    }

    @Override
    public void step(double metric) {
        lastEpoch++;
        if (isBetter(metric, best)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0;
        }
        if (numBadEpochs > patience) {
            reduceLr();
            cooldownCounter = cooldown;
            numBadEpochs = 0;
        }
        lastLrs = List.copyOf(StateValues.list(AbstractLRScheduler.currentLrs(optimizer)));
    }

    private boolean isBetter(double a, double best) {
        if (maximize) {
            return relative ? a > best * (threshold + 1.0) : a > best + threshold;
        }
        return relative ? a < best * (1.0 - threshold) : a < best - threshold;
    }

    private void reduceLr() {
        int groups = optimizer.groupCount();
        if (minLrs != null && minLrs.length != groups) {
            throw new IllegalStateException(NAME + ": the optimizer has " + groups + " parameter groups but minLrs"
                    + " has " + minLrs.length + " values " + Arrays.toString(minLrs) + "; build a new scheduler");
        }
        for (int g = 0; g < groups; g++) {
            double oldLr = optimizer.learningRate(g);
            double newLr = Math.max(oldLr * factor, minLrs != null ? minLrs[g] : defaultMinLr);
            if (oldLr - newLr > eps) {
                optimizer.setLearningRate(g, newLr);
                LOG.info("Epoch {}: reducing learning rate of group {} from {} to {}", lastEpoch, g, oldLr, newLr);
            }
        }
    }

    private double worst() {
        return maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    @Override
    public List<Double> lastLrs() {
        return lastLrs;
    }

    /** The number of {@link #step(double)} calls so far. */
    public int lastEpoch() {
        return lastEpoch;
    }

    /** The best metric so far; infinite (the worst for the mode) before any step. */
    public double best() {
        return best;
    }

    /** Epochs without improvement since the best, the last reduction, or the end of the cooldown. */
    public int numBadEpochs() {
        return numBadEpochs;
    }

    /** Epochs of cooldown left. */
    public int cooldownCounter() {
        return cooldownCounter;
    }

    /**
     * The settings under PyTorch's names, and the counters {@code last_epoch}, {@code best} (as text
     * when infinite, so JSON can carry it), {@code num_bad_epochs}, {@code cooldown_counter},
     * {@code last_lr}.
     */
    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> state = settings();
        state.put("last_epoch", lastEpoch);
        state.put("best", StateValues.encode(best));
        state.put("num_bad_epochs", numBadEpochs);
        state.put("cooldown_counter", cooldownCounter);
        state.put("last_lr", List.copyOf(lastLrs));
        return state;
    }

    @Override
    public void loadStateDict(Map<String, ?> state) {
        StateValues.requireSameConfiguration(NAME, settings(), state);
        int epoch = Checks.atLeast(NAME, "state last_epoch", StateValues.intValue(NAME, state, "last_epoch"), 0);
        double savedBest = StateValues.doubleValue(NAME, state, "best");
        int bad = Checks.atLeast(NAME, "state num_bad_epochs", StateValues.intValue(NAME, state, "num_bad_epochs"), 0);
        int cool = Checks.atLeast(NAME, "state cooldown_counter",
                StateValues.intValue(NAME, state, "cooldown_counter"), 0);
        double[] last = StateValues.doubles(NAME, state, "last_lr", optimizer.groupCount());
        lastEpoch = epoch;
        best = savedBest;
        numBadEpochs = bad;
        cooldownCounter = cool;
        lastLrs = List.copyOf(StateValues.list(last));
    }

    private Map<String, Object> settings() {
        return StateValues.ordered("mode", maximize ? "max" : "min", "factor", factor, "patience", patience,
                "threshold", threshold, "threshold_mode", relative ? "rel" : "abs", "cooldown", cooldown,
                minLrs != null ? "min_lrs" : "default_min_lr",
                minLrs != null ? StateValues.list(minLrs) : (Object) defaultMinLr,
                "eps", eps);
    }

    /** Options named after PyTorch's arguments; defaults are PyTorch's. */
    public static final class Builder {
        private final Optimizer optimizer;
        private String mode = "min";
        private double factor = 0.1;
        private int patience = 10;
        private double threshold = 1e-4;
        private String thresholdMode = "rel";
        private int cooldown;
        private double minLr;
        private double[] minLrs;
        private double eps = 1e-8;

        private Builder(Optimizer optimizer) {
            if (optimizer == null) {
                throw new IllegalArgumentException(NAME + ": optimizer must not be null");
            }
            this.optimizer = optimizer;
        }

        /** {@code "min"} (default): lower is better; {@code "max"}: higher is better. */
        public Builder mode(String mode) {
            this.mode = Checks.oneOf(NAME, "mode", mode, "min", "max");
            return this;
        }

        /** new lr = lr * factor, in [0, 1); default 0.1. */
        public Builder factor(double factor) {
            if (!(factor >= 0 && factor < 1)) {
                throw new IllegalArgumentException(NAME + ": factor must be in [0, 1), got " + factor);
            }
            this.factor = factor;
            return this;
        }

        /** Epochs without improvement tolerated before reducing; default 10. */
        public Builder patience(int patience) {
            this.patience = Checks.atLeast(NAME, "patience", patience, 0);
            return this;
        }

        /** How much better than the best counts as an improvement; default 1e-4. */
        public Builder threshold(double threshold) {
            this.threshold = Checks.nonNegativeFinite(NAME, "threshold", threshold);
            return this;
        }

        /** {@code "rel"} (default): threshold is a fraction of the best; {@code "abs"}: an amount. */
        public Builder thresholdMode(String thresholdMode) {
            this.thresholdMode = Checks.oneOf(NAME, "thresholdMode", thresholdMode, "rel", "abs");
            return this;
        }

        /** Epochs after a reduction in which bad epochs are not counted; default 0. */
        public Builder cooldown(int cooldown) {
            this.cooldown = Checks.atLeast(NAME, "cooldown", cooldown, 0);
            return this;
        }

        /** A floor for every group's lr; default 0. */
        public Builder minLr(double minLr) {
            this.minLr = Checks.nonNegativeFinite(NAME, "minLr", minLr);
            this.minLrs = null;
            return this;
        }

        /** A floor per parameter group. */
        public Builder minLrs(double... perGroup) {
            this.minLrs = Checks.perGroup(NAME, "minLrs", perGroup, optimizer.groupCount(), false);
            return this;
        }

        /** Reductions smaller than this are skipped; default 1e-8. */
        public Builder eps(double eps) {
            this.eps = Checks.nonNegativeFinite(NAME, "eps", eps);
            return this;
        }

        public ReduceLROnPlateau build() {
            if (minLrs != null && minLrs.length != optimizer.groupCount()) {
                throw new IllegalArgumentException(NAME + ": minLrs has " + minLrs.length + " values for an optimizer"
                        + " with " + optimizer.groupCount() + " parameter groups");
            }
            return new ReduceLROnPlateau(this);
        }
    }
}
