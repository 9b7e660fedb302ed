package dev.ithaca.optim;

import dev.ithaca.nn.Parameter;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The arguments {@link Adam} and {@link AdamW} share, named as in PyTorch; the two differ only in
 * their defaults and in how they apply weight decay.
 *
 * @param <O> {@link Adam} or {@link AdamW}
 */
public final class AdamBuilder<O extends BaseOptimizer> extends OptimizerBuilder<AdamBuilder<O>, O> {
    AdamBuilder(Map<String, Object> defaults, BiFunction<Map<String, Object>, List<? extends Parameter>, O> factory) {
        super(defaults, factory);
    }

    /** Decay rates of the first and second moment averages (each in [0, 1)). */
    public AdamBuilder<O> betas(double beta1, double beta2) {
        return set("betas", List.of(beta1, beta2));
    }

    /** Added to the denominator for numerical stability (>= 0). */
    public AdamBuilder<O> eps(double eps) {
        return set("eps", eps);
    }

    /** The AMSGrad variant: normalize by the running maximum of the second moment. */
    public AdamBuilder<O> amsgrad(boolean amsgrad) {
        return set("amsgrad", amsgrad);
    }
}
