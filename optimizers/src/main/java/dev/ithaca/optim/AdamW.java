package dev.ithaca.optim;

import dev.ithaca.nn.Parameter;

import java.util.List;
import java.util.Map;

/**
 * AdamW, PyTorch's {@code torch.optim.AdamW}: Adam with decoupled weight decay, which shrinks the
 * parameter by {@code 1 - lr * weight_decay} before the Adam update instead of adding an L2 term
 * to the gradient.
 *
 * <pre>{@code
 * Optimizer adamw = AdamW.builder().lr(1e-3).betas(0.9, 0.999).eps(1e-8).weightDecay(1e-2).amsgrad(false).build(params);
 * }</pre>
 *
 * <p>Options as {@link Adam}'s, with {@code weight_decay} defaulting to 1e-2.
 */
public final class AdamW extends AdamFamily {
    private AdamW(Map<String, Object> options, List<? extends Parameter> params) {
        super("AdamW", true, options, params);
    }

    public static AdamBuilder<AdamW> builder() {
        return new AdamBuilder<>(pytorchDefaults(1e-2), AdamW::new);
    }
}
