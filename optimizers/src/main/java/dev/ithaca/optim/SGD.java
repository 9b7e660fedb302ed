package dev.ithaca.optim;

import dev.ithaca.nn.Parameter;
import dev.ithaca.spi.OptimizerUpdate;
import dev.ithaca.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, PyTorch's {@code torch.optim.SGD}: the
 * momentum buffer starts as the first gradient (no dampening on that step), and Nesterov momentum
 * needs a positive momentum and zero dampening.
 *
 * <pre>{@code
 * Optimizer sgd = SGD.builder().lr(0.1).momentum(0.9).dampening(0).nesterov(false).weightDecay(0).maximize(false).build(params);
 * }</pre>
 *
 * <p>Options: {@code lr} (1e-3), {@code momentum} (0), {@code dampening} (0), {@code weight_decay} (0),
 * {@code nesterov} (false), {@code maximize} (false), {@code flush_denormals} (true). State:
 * {@code momentum_buffer} when momentum is non-zero.
 */
public final class SGD extends BaseOptimizer {
    private static final String NAME = "SGD";

    private SGD(Map<String, Object> options, List<? extends Parameter> params) {
        super(NAME, options, params, SGD::validate);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static Map<String, Object> pytorchDefaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lr", 1e-3);
        d.put("momentum", 0.0);
        d.put("dampening", 0.0);
        d.put("weight_decay", 0.0);
        d.put("nesterov", false);
        d.put("maximize", false);
        d.put("flush_denormals", true);
        return d;
    }

    private static void validate(ParamGroup g) {
        Checks.nonNegative(NAME, "learning rate", "lr", g.lr());
        Checks.nonNegative(NAME, "momentum value", "momentum", g.getDouble("momentum"));
        Checks.nonNegative(NAME, "weight_decay value", "weight_decay", g.getDouble("weight_decay"));
        double momentum = g.getDouble("momentum");
        double dampening = g.getDouble("dampening");
        if (g.getBoolean("nesterov") && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException(NAME + ": Nesterov momentum requires a momentum and zero dampening: nesterov = true,"
                    + " momentum = " + momentum + ", dampening = " + dampening);
        }
    }

    @Override
    protected void update(ParamGroup group, Parameter param, Tensor grad) {
        double momentum = group.getDouble("momentum");
        boolean firstStep = false;
        Tensor[] buffers = {};
        if (momentum != 0) {
            ParamState s = state(param);
            firstStep = s.buffer("momentum_buffer") == null;
            buffers = new Tensor[] {s.buffer("momentum_buffer", 0)};
        }
        apply(new OptimizerUpdate.Sgd(group.lr(), momentum, group.getDouble("dampening"), group.getDouble("weight_decay"),
                group.getBoolean("nesterov"), group.getBoolean("maximize"), firstStep, group.getBoolean("flush_denormals")),
                param, grad, buffers);
    }

    /** SGD's arguments, named as in PyTorch. */
    public static final class Builder extends OptimizerBuilder<Builder, SGD> {
        private Builder() {
            super(pytorchDefaults(), SGD::new);
        }

        /** Momentum factor (>= 0; 0 turns momentum off). */
        public Builder momentum(double momentum) {
            return set("momentum", momentum);
        }

        /** Dampening of the momentum: the buffer adds {@code (1 - dampening) * grad}. */
        public Builder dampening(double dampening) {
            return set("dampening", dampening);
        }

        /** Nesterov momentum (needs momentum > 0 and dampening 0). */
        public Builder nesterov(boolean nesterov) {
            return set("nesterov", nesterov);
        }
    }
}
