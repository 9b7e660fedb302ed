package dev.ithaca.schedule;

import dev.ithaca.train.Optimizer;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The 1cycle policy, PyTorch's {@code OneCycleLR}: per group the lr rises from
 * {@code maxLr / divFactor} to {@code maxLr} over the first {@code pctStart} of
 * {@code totalSteps}, then anneals to {@code maxLr / divFactor / finalDivFactor}; with
 * {@code threePhase} it first comes back down to the initial lr symmetrically and only then
 * anneals to the minimum. Annealing is cosine ({@code "cos"}) or linear ({@code "linear"}). It sets
 * the lr rather than scaling it, so it is not chainable, and is meant to be stepped once per batch.
 * Stepping more than {@code totalSteps} times is an error, as in PyTorch; the step numbered
 * {@code totalSteps}, which PyTorch allows, extrapolates the last phase past its end (for linear
 * annealing that goes below the minimum lr, possibly below 0, exactly as PyTorch computes it).
 *
 * <p>PyTorch also cycles momentum (or Adam's beta1) inversely to the lr. The {@link Optimizer}
 * contract exposes learning rates only, so momentum is left as the optimizer has it.
 *
 * <pre>{@code
 * OneCycleLR.builder(opt, 0.1, 100).pctStart(0.3).annealStrategy("cos")
 *     .divFactor(25).finalDivFactor(1e4).threePhase(false).build();
 * }</pre>
 */
public final class OneCycleLR extends AbstractLRScheduler {
    private static final String NAME = "OneCycleLR";

    private enum Anchor { INITIAL, MAX, MIN }

    /** One stretch of the schedule: from {@code start} to {@code end}, ending at step {@code endStep}. */
    private record Phase(double endStep, Anchor start, Anchor end) {
    }

    private final double[] maxLrs;
    private final double[] initialLrs;
    private final double[] minLrs;
    private final int totalSteps;
    private final double pctStart;
    private final String annealStrategy;
    private final double divFactor;
    private final double finalDivFactor;
    private final boolean threePhase;
    private final List<Phase> phases;

    private OneCycleLR(Builder b, double[] maxLrs, double[] initialLrs, int totalSteps) {
        super(b.optimizer, initialLrs);
        this.maxLrs = maxLrs;
        this.initialLrs = initialLrs;
        this.minLrs = new double[maxLrs.length];
        for (int g = 0; g < maxLrs.length; g++) {
            minLrs[g] = initialLrs[g] / b.finalDivFactor;
        }
        this.totalSteps = totalSteps;
        this.pctStart = b.pctStart;
        this.annealStrategy = b.annealStrategy;
        this.divFactor = b.divFactor;
        this.finalDivFactor = b.finalDivFactor;
        this.threePhase = b.threePhase;
        double warmupEnd = pctStart * totalSteps - 1;
        this.phases = threePhase
                ? List.of(new Phase(warmupEnd, Anchor.INITIAL, Anchor.MAX),
                        new Phase(2 * pctStart * totalSteps - 2, Anchor.MAX, Anchor.INITIAL),
                        new Phase(totalSteps - 1, Anchor.INITIAL, Anchor.MIN))
                : List.of(new Phase(warmupEnd, Anchor.INITIAL, Anchor.MAX),
                        new Phase(totalSteps - 1, Anchor.MAX, Anchor.MIN));
        if (warmupEnd == 0) {
            // step 0 would fall in a phase of zero width, where PyTorch divides zero by zero
            throw new IllegalArgumentException(NAME + ": pctStart * totalSteps must not be 1 (pctStart=" + pctStart
                    + ", totalSteps=" + totalSteps + "): the warmup phase would have zero width");
        }
        initialStep();
    }

    /** A builder for {@code totalSteps} steps peaking at {@code maxLr} in every group. */
    public static Builder builder(Optimizer optimizer, double maxLr, int totalSteps) {
        return new Builder(optimizer, maxLr).totalSteps(totalSteps);
    }

    /** A builder whose length is set with {@link Builder#totalSteps} or {@link Builder#epochs} and {@link Builder#stepsPerEpoch}. */
    public static Builder builder(Optimizer optimizer, double maxLr) {
        return new Builder(optimizer, maxLr);
    }

    /** The number of steps in the cycle. */
    public int totalSteps() {
        return totalSteps;
    }

    @Override
    protected double closedFormLr(int group, int step) {
        if (step > totalSteps) {
            throw new IllegalStateException(NAME + ": tried to step " + step + " times; the specified number of"
                    + " total steps is " + totalSteps);
        }
        double startStep = 0;
        for (int i = 0; i < phases.size(); i++) {
            Phase phase = phases.get(i);
            if (step <= phase.endStep() || i == phases.size() - 1) {
                if (phase.endStep() == startStep) {
                    throw new IllegalStateException(NAME + ": step " + step + " falls in phase " + (i + 1)
                            + ", which has zero width (pctStart=" + pctStart + ", totalSteps=" + totalSteps + ")");
                }
                double pct = (step - startStep) / (phase.endStep() - startStep);
                return anneal(anchor(phase.start(), group), anchor(phase.end(), group), pct);
            }
            startStep = phase.endStep();
        }
        throw new AssertionError("the last phase always matches");
    }

    private double anneal(double start, double end, double pct) {
        if (annealStrategy.equals("cos")) {
            double cosOut = StrictMath.cos(Math.PI * pct) + 1;
            return end + (start - end) / 2.0 * cosOut;
        }
        return (end - start) * pct + start;
    }

    private double anchor(Anchor anchor, int group) {
        return switch (anchor) {
            case INITIAL -> initialLrs[group];
            case MAX -> maxLrs[group];
            case MIN -> minLrs[group];
        };
    }

    @Override
    protected Map<String, Object> hyperparameters() {
        return StateValues.ordered("max_lrs", StateValues.list(maxLrs), "total_steps", totalSteps,
                "pct_start", pctStart, "anneal_strategy", annealStrategy, "div_factor", divFactor,
                "final_div_factor", finalDivFactor, "three_phase", threePhase);
    }

    /** Options named after PyTorch's arguments; defaults are PyTorch's. */
    public static final class Builder {
        private final Optimizer optimizer;
        private double[] maxLrs;
        private Integer totalSteps;
        private Integer epochs;
        private Integer stepsPerEpoch;
        private double pctStart = 0.3;
        private String annealStrategy = "cos";
        private double divFactor = 25.0;
        private double finalDivFactor = 1e4;
        private boolean threePhase;

        private Builder(Optimizer optimizer, double maxLr) {
            if (optimizer == null) {
                throw new IllegalArgumentException(NAME + ": optimizer must not be null");
            }
            this.optimizer = optimizer;
            Checks.positiveFinite(NAME, "maxLr", maxLr);
            double[] all = new double[optimizer.groupCount()];
            Arrays.fill(all, maxLr);
            this.maxLrs = all;
        }

        /** A peak lr per parameter group, replacing the single one given to {@code builder}. */
        public Builder maxLrs(double... perGroup) {
            this.maxLrs = Checks.perGroup(NAME, "maxLrs", perGroup, optimizer.groupCount(), true);
            return this;
        }

        /** The number of steps in the cycle; takes precedence over epochs * stepsPerEpoch. */
        public Builder totalSteps(int totalSteps) {
            this.totalSteps = Checks.atLeast(NAME, "totalSteps", totalSteps, 1);
            return this;
        }

        public Builder epochs(int epochs) {
            this.epochs = Checks.atLeast(NAME, "epochs", epochs, 1);
            return this;
        }

        public Builder stepsPerEpoch(int stepsPerEpoch) {
            this.stepsPerEpoch = Checks.atLeast(NAME, "stepsPerEpoch", stepsPerEpoch, 1);
            return this;
        }

        /** The fraction of the cycle spent raising the lr; default 0.3. */
        public Builder pctStart(double pctStart) {
            this.pctStart = Checks.inUnitRange(NAME, "pctStart", pctStart, false);
            return this;
        }

        /** {@code "cos"} (default) or {@code "linear"}. */
        public Builder annealStrategy(String annealStrategy) {
            this.annealStrategy = Checks.oneOf(NAME, "annealStrategy", annealStrategy, "cos", "linear");
            return this;
        }

        /** initial lr = maxLr / divFactor; default 25. */
        public Builder divFactor(double divFactor) {
            this.divFactor = Checks.positiveFinite(NAME, "divFactor", divFactor);
            return this;
        }

        /** minimum lr = initial lr / finalDivFactor; default 1e4. */
        public Builder finalDivFactor(double finalDivFactor) {
            this.finalDivFactor = Checks.positiveFinite(NAME, "finalDivFactor", finalDivFactor);
            return this;
        }

        /** Come back down to the initial lr before annealing to the minimum; default false. */
        public Builder threePhase(boolean threePhase) {
            this.threePhase = threePhase;
            return this;
        }

        /** Sets the lr of every group to its initial lr ({@code maxLr / divFactor}), as PyTorch's constructor does. */
        public OneCycleLR build() {
            int steps;
            if (totalSteps != null) {
                steps = totalSteps;
            } else if (epochs != null && stepsPerEpoch != null) {
                try {
                    steps = Math.multiplyExact(epochs, stepsPerEpoch);
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException(NAME + ": epochs * stepsPerEpoch overflows an int (" + epochs
                            + " * " + stepsPerEpoch + ")", e);
                }
            } else {
                throw new IllegalArgumentException(NAME + ": define either totalSteps or both epochs and"
                        + " stepsPerEpoch (epochs=" + epochs + ", stepsPerEpoch=" + stepsPerEpoch + ")");
            }
            if (maxLrs.length != optimizer.groupCount()) {
                throw new IllegalArgumentException(NAME + ": " + maxLrs.length + " maxLrs for an optimizer with "
                        + optimizer.groupCount() + " parameter groups");
            }
            double[] initial = new double[maxLrs.length];
            for (int g = 0; g < initial.length; g++) {
                initial[g] = maxLrs[g] / divFactor;
            }
            return new OneCycleLR(this, maxLrs.clone(), initial, steps);
        }
    }
}
