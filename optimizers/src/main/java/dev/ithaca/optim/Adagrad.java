package dev.ithaca.optim;

import dev.ithaca.nn.Parameter;
import dev.ithaca.spi.OptimizerUpdate;
import dev.ithaca.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adagrad, PyTorch's {@code torch.optim.Adagrad} (dense gradients): divides the gradient by the
 * root of the running sum of its squares, with the learning rate decayed as
 * {@code lr / (1 + (step - 1) * lr_decay)}. As in PyTorch, state ({@code step} 0 and {@code sum}
 * filled with {@code initial_accumulator_value}) exists for every parameter from the start.
 *
 * <pre>{@code
 * Optimizer ada = Adagrad.builder().lr(1e-2).lrDecay(0).weightDecay(0).initialAccumulatorValue(0).eps(1e-10).build(params);
 * }</pre>
 *
 * <p>Options: {@code lr} (1e-2), {@code lr_decay} (0), {@code weight_decay} (0),
 * {@code initial_accumulator_value} (0), {@code eps} (1e-10), {@code maximize} (false),
 * {@code flush_denormals} (true).
 */
public final class Adagrad extends BaseOptimizer {
    private static final String NAME = "Adagrad";

    private Adagrad(Map<String, Object> options, List<? extends Parameter> params) {
        super(NAME, options, params, Adagrad::validate);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static Map<String, Object> pytorchDefaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lr", 1e-2);
        d.put("lr_decay", 0.0);
        d.put("weight_decay", 0.0);
        d.put("initial_accumulator_value", 0.0);
        d.put("eps", 1e-10);
        d.put("maximize", false);
        d.put("flush_denormals", true);
        return d;
    }

    private static void validate(ParamGroup g) {
        Checks.nonNegative(NAME, "learning rate", "lr", g.lr());
        Checks.nonNegative(NAME, "lr_decay value", "lr_decay", g.getDouble("lr_decay"));
        Checks.nonNegative(NAME, "weight_decay value", "weight_decay", g.getDouble("weight_decay"));
        Checks.nonNegative(NAME, "initial_accumulator_value value", "initial_accumulator_value",
                g.getDouble("initial_accumulator_value"));
        Checks.nonNegative(NAME, "epsilon value", "eps", g.getDouble("eps"));
    }

    @Override
    protected void initState(ParamGroup group, Parameter param) {
        ParamState s = state(param);
        s.setStep(0);
        s.buffer("sum", group.getDouble("initial_accumulator_value"));
    }

    @Override
    protected void update(ParamGroup group, Parameter param, Tensor grad) {
        ParamState s = state(param);
        long step = s.advance();
        Tensor sum = s.buffer("sum", group.getDouble("initial_accumulator_value"));
        apply(new OptimizerUpdate.Adagrad(group.lr(), group.getDouble("lr_decay"), group.getDouble("weight_decay"), group.getDouble("eps"),
                step, group.getBoolean("maximize"), group.getBoolean("flush_denormals")), param, grad, sum);
    }

    /** Adagrad's arguments, named as in PyTorch. */
    public static final class Builder extends OptimizerBuilder<Builder, Adagrad> {
        private Builder() {
            super(pytorchDefaults(), Adagrad::new);
        }

        /** Learning-rate decay per step (>= 0). */
        public Builder lrDecay(double lrDecay) {
            return set("lr_decay", lrDecay);
        }

        /** Starting value of every sum of squared gradients (>= 0). */
        public Builder initialAccumulatorValue(double initialAccumulatorValue) {
            return set("initial_accumulator_value", initialAccumulatorValue);
        }

        /** Added to the denominator for numerical stability (>= 0). */
        public Builder eps(double eps) {
            return set("eps", eps);
        }
    }
}
