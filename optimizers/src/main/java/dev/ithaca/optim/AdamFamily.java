package dev.ithaca.optim;

import dev.ithaca.nn.Parameter;
import dev.ithaca.spi.OptimizerUpdate;
import dev.ithaca.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam and AdamW: one algorithm whose weight decay is either an L2 term in the gradient (Adam) or
 * a decoupled shrink of the parameter (AdamW), as PyTorch's {@code _single_tensor_adam(w)}. State:
 * {@code step}, {@code exp_avg}, {@code exp_avg_sq}, and {@code max_exp_avg_sq} with amsgrad (the
 * running maximum of the raw second moment, bias-corrected only when used).
 */
abstract sealed class AdamFamily extends BaseOptimizer permits Adam, AdamW {
    private final boolean decoupledWeightDecay;

    AdamFamily(String name, boolean decoupledWeightDecay, Map<String, Object> options, List<? extends Parameter> params) {
        super(name, options, params, group -> validate(name, group));
        this.decoupledWeightDecay = decoupledWeightDecay;
    }

    static Map<String, Object> pytorchDefaults(double weightDecay) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lr", 1e-3);
        d.put("betas", List.of(0.9, 0.999));
        d.put("eps", 1e-8);
        d.put("weight_decay", weightDecay);
        d.put("amsgrad", false);
        d.put("maximize", false);
        d.put("flush_denormals", true);
        return d;
    }

    private static void validate(String name, ParamGroup g) {
        Checks.nonNegative(name, "learning rate", "lr", g.lr());
        Checks.nonNegative(name, "epsilon value", "eps", g.getDouble("eps"));
        Checks.beta(name, 0, g.getDouble("betas", 0));
        Checks.beta(name, 1, g.getDouble("betas", 1));
        Checks.nonNegative(name, "weight_decay value", "weight_decay", g.getDouble("weight_decay"));
    }

    @Override
    protected final void update(ParamGroup group, Parameter param, Tensor grad) {
        ParamState s = state(param);
        long step = s.advance();
        Tensor expAvg = s.buffer("exp_avg", 0);
        Tensor expAvgSq = s.buffer("exp_avg_sq", 0);
        boolean amsgrad = group.getBoolean("amsgrad");
        OptimizerUpdate.Adam update = new OptimizerUpdate.Adam(group.lr(), group.getDouble("betas", 0), group.getDouble("betas", 1),
                group.getDouble("eps"), group.getDouble("weight_decay"), decoupledWeightDecay, amsgrad, group.getBoolean("maximize"),
                step, group.getBoolean("flush_denormals"));
        if (amsgrad) {
            apply(update, param, grad, expAvg, expAvgSq, s.buffer("max_exp_avg_sq", 0));
        } else {
            apply(update, param, grad, expAvg, expAvgSq);
        }
    }
}
