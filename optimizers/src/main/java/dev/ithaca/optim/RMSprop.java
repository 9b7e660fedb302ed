package dev.ithaca.optim;

import dev.ithaca.nn.Parameter;
import dev.ithaca.spi.OptimizerUpdate;
import dev.ithaca.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RMSprop, PyTorch's {@code torch.optim.RMSprop}: divides the gradient by the root of a moving
 * average of its square (minus the square of its moving average when centered), with optional
 * momentum on the normalized gradient.
 *
 * <pre>{@code
 * Optimizer rms = RMSprop.builder().lr(1e-2).alpha(0.99).eps(1e-8).weightDecay(0).momentum(0).centered(false).build(params);
 * }</pre>
 *
 * <p>Options: {@code lr} (1e-2), {@code alpha} (0.99), {@code eps} (1e-8), {@code weight_decay} (0),
 * {@code momentum} (0), {@code centered} (false), {@code maximize} (false), {@code flush_denormals}
 * (true). State: {@code step}, {@code square_avg}, {@code momentum_buffer} when momentum > 0,
 * {@code grad_avg} when centered.
 */
public final class RMSprop extends BaseOptimizer {
    private static final String NAME = "RMSprop";

    private RMSprop(Map<String, Object> options, List<? extends Parameter> params) {
        super(NAME, options, params, RMSprop::validate);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static Map<String, Object> pytorchDefaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lr", 1e-2);
        d.put("alpha", 0.99);
        d.put("eps", 1e-8);
        d.put("weight_decay", 0.0);
        d.put("momentum", 0.0);
        d.put("centered", false);
        d.put("maximize", false);
        d.put("flush_denormals", true);
        return d;
    }

    private static void validate(ParamGroup g) {
        Checks.nonNegative(NAME, "learning rate", "lr", g.lr());
        Checks.nonNegative(NAME, "epsilon value", "eps", g.getDouble("eps"));
        Checks.nonNegative(NAME, "momentum value", "momentum", g.getDouble("momentum"));
        Checks.nonNegative(NAME, "weight_decay value", "weight_decay", g.getDouble("weight_decay"));
        Checks.nonNegative(NAME, "alpha value", "alpha", g.getDouble("alpha"));
    }

    @Override
    protected void update(ParamGroup group, Parameter param, Tensor grad) {
        ParamState s = state(param);
        s.advance();
        boolean centered = group.getBoolean("centered");
        double momentum = group.getDouble("momentum");
        // PyTorch creates them in this order; the kernel takes square_avg, grad_avg, momentum_buffer
        Tensor squareAvg = s.buffer("square_avg", 0);
        Tensor buffer = momentum > 0 ? s.buffer("momentum_buffer", 0) : null;
        Tensor gradAvg = centered ? s.buffer("grad_avg", 0) : null;
        List<Tensor> buffers = new ArrayList<>(3);
        buffers.add(squareAvg);
        if (gradAvg != null) {
            buffers.add(gradAvg);
        }
        if (buffer != null) {
            buffers.add(buffer);
        }
        apply(new OptimizerUpdate.RmsProp(group.lr(), group.getDouble("alpha"), group.getDouble("eps"), group.getDouble("weight_decay"),
                momentum, centered, group.getBoolean("maximize"), group.getBoolean("flush_denormals")),
                param, grad, buffers.toArray(Tensor[]::new));
    }

    /** RMSprop's arguments, named as in PyTorch. */
    public static final class Builder extends OptimizerBuilder<Builder, RMSprop> {
        private Builder() {
            super(pytorchDefaults(), RMSprop::new);
        }

        /** Smoothing constant of the squared-gradient average (>= 0). */
        public Builder alpha(double alpha) {
            return set("alpha", alpha);
        }

        /** Added to the denominator for numerical stability (>= 0). */
        public Builder eps(double eps) {
            return set("eps", eps);
        }

        /** Momentum factor (>= 0; 0 turns momentum off). */
        public Builder momentum(double momentum) {
            return set("momentum", momentum);
        }

        /** Normalize by the estimated variance of the gradient instead of its raw second moment. */
        public Builder centered(boolean centered) {
            return set("centered", centered);
        }
    }
}
